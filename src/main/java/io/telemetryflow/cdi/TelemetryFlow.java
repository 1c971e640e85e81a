package io.telemetryflow.cdi;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the OpenTelemetry beans of this library ({@code OpenTelemetry}, {@code Tracer},
 * {@code Meter}, {@code Logger}). They are also available unqualified unless the application
 * or another library (e.g. MicroProfile Telemetry) already provides a bean of that type.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface TelemetryFlow {

    /** Annotation literal for programmatic lookup. */
    final class Literal extends jakarta.enterprise.util.AnnotationLiteral<TelemetryFlow> implements TelemetryFlow {
        /** The instance. */
        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
