package io.telemetryflow.cdi;

import io.telemetryflow.sdk.domain.SpanKind;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records a span per call of the annotated method (or of every business method of the
 * annotated class). The span is a child of the current span and is current during the call.
 * A thrown exception sets status ERROR, adds an {@code exception} event and is rethrown
 * unchanged; a {@code CompletionStage} result ends the span when the stage completes.
 * Attribute {@code code.function.name} = fully-qualified {@code Class.method}.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Traced {

    /** Span name; empty means {@code SimpleClassName.method}. */
    @Nonbinding
    String value() default "";

    /** Span kind. */
    @Nonbinding
    SpanKind kind() default SpanKind.INTERNAL;
}
