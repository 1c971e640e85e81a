package io.telemetryflow.sdk.application;

import io.telemetryflow.sdk.domain.SpanKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One span of a {@link TraceDetail}.
 *
 * @param spanId 16 hex characters
 * @param parentId the parent span's id; empty for a root span
 * @param name the span name
 * @param kind the span kind
 * @param startTime when it started
 * @param endTime when it ended
 * @param duration end minus start ({@code durationMs} on the wire)
 * @param attributes its attributes
 * @param events its events, in order
 * @param status its status
 */
public record SpanDetail(String spanId, Optional<String> parentId, String name, SpanKind kind, Instant startTime,
                         Instant endTime, Duration duration, Map<String, Object> attributes,
                         List<SpanEventDetail> events, SpanStatusDetail status) {

    /** Validates and copies. */
    public SpanDetail {
        Objects.requireNonNull(spanId, "spanId");
        parentId = parentId == null ? Optional.empty() : parentId;
        Objects.requireNonNull(name, "name");
        kind = kind == null ? SpanKind.INTERNAL : kind;
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(duration, "duration");
        attributes = QueryArguments.copyAttributes(attributes);
        events = QueryArguments.copyList(events);
        status = status == null ? SpanStatusDetail.UNSET : status;
    }

    /** Whether the span failed (status ERROR). */
    public boolean isError() {
        return status.isError();
    }
}
