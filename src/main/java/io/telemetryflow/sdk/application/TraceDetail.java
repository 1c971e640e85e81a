package io.telemetryflow.sdk.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The answer to a {@link GetTraceQuery}: a whole trace.
 *
 * @param traceId 32 hex characters
 * @param startTime start of the earliest span
 * @param endTime end of the latest span
 * @param duration end minus start ({@code durationMs} on the wire)
 * @param spans every span, as ordered by the backend (by start time)
 */
public record TraceDetail(String traceId, Instant startTime, Instant endTime, Duration duration,
                          List<SpanDetail> spans) {

    /** Validates and copies. */
    public TraceDetail {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(duration, "duration");
        spans = QueryArguments.copyList(spans);
    }

    /**
     * The root span: the first span without a parent, or whose parent is not part of this trace
     * (as when the caller's span lives in another, unreported service).
     */
    public Optional<SpanDetail> rootSpan() {
        Set<String> ids = spans.stream().map(SpanDetail::spanId).collect(Collectors.toSet());
        return spans.stream().filter(s -> s.parentId().map(p -> !ids.contains(p)).orElse(true)).findFirst();
    }

    /** The direct children of {@code spanId}, in the trace's order. */
    public List<SpanDetail> children(String spanId) {
        return spans.stream().filter(s -> s.parentId().filter(spanId::equals).isPresent()).toList();
    }

    /** The first span named {@code name}. */
    public Optional<SpanDetail> span(String name) {
        return spans.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** How many spans failed. */
    public long errorCount() {
        return spans.stream().filter(SpanDetail::isError).count();
    }
}
