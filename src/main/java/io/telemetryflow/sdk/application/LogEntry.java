package io.telemetryflow.sdk.application;

import io.telemetryflow.sdk.domain.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One log record read back.
 *
 * @param timestamp when it was emitted
 * @param severity its severity
 * @param message its body
 * @param attributes its attributes ({@code String}, {@code Long}, {@code Double}, {@code Boolean} or {@code List} values)
 * @param traceId the trace it was emitted in, if any
 * @param spanId the span it was emitted in, if any
 */
public record LogEntry(Instant timestamp, Severity severity, String message, Map<String, Object> attributes,
                       Optional<String> traceId, Optional<String> spanId) {

    /** Validates and copies. */
    public LogEntry {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(severity, "severity");
        message = message == null ? "" : message;
        attributes = QueryArguments.copyAttributes(attributes);
        traceId = traceId == null ? Optional.empty() : traceId;
        spanId = spanId == null ? Optional.empty() : spanId;
    }
}
