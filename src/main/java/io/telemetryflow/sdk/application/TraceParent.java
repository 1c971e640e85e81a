package io.telemetryflow.sdk.application;

import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The trace context current when a command was created, carried inside the command so that
 * a handler running on another thread (a CDI {@code fireAsync} observer, an executor) still
 * correlates the log or span with the caller's trace.
 *
 * <p>This layer does not know OpenTelemetry: the current context is read by the {@link Reader} that
 * the library declares in {@code META-INF/services} (the infrastructure's), found once with
 * {@link ServiceLoader} — a declared binding, not a hook some other class must install first.
 *
 * @param traceId 32 lower-case hex characters
 * @param spanId 16 lower-case hex characters
 * @param sampled whether the parent span is sampled
 */
public record TraceParent(String traceId, String spanId, boolean sampled) {

    /** Reads the trace context current on the calling thread; implemented where OpenTelemetry is known. */
    public interface Reader {
        /** The current trace context, or {@code null} if there is none. */
        TraceParent current();
    }

    private static final Reader READER = ServiceLoader.load(Reader.class, TraceParent.class.getClassLoader())
        .findFirst().orElse(() -> null);

    /** Validates. */
    public TraceParent {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
    }

    /** The trace context current on this thread, or {@code null} if there is none (or no SDK is running). */
    public static TraceParent current() {
        return READER.current();
    }
}
