package io.telemetryflow.cdi.beans;

import io.telemetryflow.cdi.Counted;
import io.telemetryflow.cdi.Traced;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A stereotype that carries the SDK's bindings (with members), as applications define their own. */
@Stereotype
@Traced("monitored.work")
@Counted("monitored.calls")
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Monitored {
}
