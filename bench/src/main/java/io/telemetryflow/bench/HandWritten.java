package io.telemetryflow.bench;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The bench's hand-written telemetry interceptors' bindings: what a user would write with the raw
 * OpenTelemetry SDK in the same container — the floors of {@code @Traced}, {@code @Timed} and {@code @Counted}, measured
 * on the same Weld call path and thread (its thread-local map included) as ours.
 */
public final class HandWritten {

    private HandWritten() {
    }

    /** A raw SDK span per call, current during the call (the {@code @Traced} floor). */
    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    public @interface Span {
    }

    /** A raw SDK histogram record of the call's duration in seconds (the {@code @Timed} floor). */
    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    public @interface Timer {
    }

    /** A raw SDK counter +1 per call (the {@code @Counted} floor). */
    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    public @interface Counter {
    }
}
