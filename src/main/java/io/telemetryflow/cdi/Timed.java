package io.telemetryflow.cdi;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records the duration of each call of the annotated method (or of every business method of
 * the annotated class) in a histogram, in seconds ({@code s}), whether it returns or throws;
 * a {@code CompletionStage} result is measured to completion. Attributes as for {@link Counted}.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Timed {

    /** Histogram name; empty means {@code method.duration}. */
    @Nonbinding
    String value() default "";

    /** Histogram description. */
    @Nonbinding
    String description() default "";
}
