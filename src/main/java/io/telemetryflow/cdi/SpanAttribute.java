package io.telemetryflow.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds the annotated parameter's argument as an attribute of the span of a {@link Traced}
 * method. The attribute name is {@link #value()}, else the parameter name (when compiled with
 * {@code -parameters}), else {@code argN}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface SpanAttribute {

    /** Attribute name; empty means the parameter name. */
    String value() default "";
}
