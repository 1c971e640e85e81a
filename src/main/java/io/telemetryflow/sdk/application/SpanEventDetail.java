package io.telemetryflow.sdk.application;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An event of a span read back (e.g. {@code exception}).
 *
 * @param name the event name
 * @param timestamp when it happened
 * @param attributes its attributes
 */
public record SpanEventDetail(String name, Instant timestamp, Map<String, Object> attributes) {

    /** Validates and copies. */
    public SpanEventDetail {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timestamp, "timestamp");
        attributes = QueryArguments.copyAttributes(attributes);
    }
}
