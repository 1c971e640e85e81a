package io.telemetryflow.sdk.application;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The trace context current when a command was created, carried inside the command so that
 * a handler running on another thread (a CDI {@code fireAsync} observer, an executor) still
 * correlates the log or span with the caller's trace.
 *
 * @param traceId 32 lower-case hex characters
 * @param spanId 16 lower-case hex characters
 * @param sampled whether the parent span is sampled
 */
public record TraceParent(String traceId, String spanId, boolean sampled) {

    private static volatile Supplier<TraceParent> capture = () -> null;

    /** Validates. */
    public TraceParent {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
    }

    /** The trace context current on this thread, or {@code null} if there is none (or no SDK is running). */
    public static TraceParent current() {
        return capture.get();
    }

    /**
     * Installs how the current trace context is read; called by the infrastructure layer, which
     * knows OpenTelemetry (this layer does not).
     */
    public static void installCapture(Supplier<TraceParent> supplier) {
        capture = Objects.requireNonNull(supplier, "supplier");
    }
}
