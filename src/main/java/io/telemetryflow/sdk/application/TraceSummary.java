package io.telemetryflow.sdk.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One trace found by a {@link SearchTracesQuery}.
 *
 * @param traceId 32 hex characters
 * @param rootSpan the root span's name
 * @param serviceName the root span's service
 * @param duration the trace's duration ({@code durationMs} on the wire)
 * @param startTime start of the earliest span
 * @param spanCount number of spans
 * @param errorCount number of spans with status ERROR
 */
public record TraceSummary(String traceId, String rootSpan, String serviceName, Duration duration,
                           Instant startTime, int spanCount, int errorCount) {

    /** Validates. */
    public TraceSummary {
        Objects.requireNonNull(traceId, "traceId");
        rootSpan = rootSpan == null ? "" : rootSpan;
        serviceName = serviceName == null ? "" : serviceName;
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(startTime, "startTime");
    }

    /** Whether some span of the trace failed. */
    public boolean hasError() {
        return errorCount > 0;
    }
}
