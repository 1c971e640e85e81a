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

    /**
     * Explicit bucket boundaries in seconds, strictly ascending; empty means the semantic-convention
     * boundaries for durations (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10).
     * {@code telemetryflow.metrics.histogram.<name>.buckets} wins over this.
     */
    @Nonbinding
    double[] buckets() default {};
}
