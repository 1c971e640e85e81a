package io.telemetryflow.sdk.application;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One point of a {@link MetricSeries}.
 *
 * @param timestamp when the point was taken
 * @param value the value: a counter's (cumulative) total, a gauge's reading, a histogram's sum
 * @param attributes the point's attributes (the group-by keys only, when the query grouped);
 *     values are {@code String}, {@code Long}, {@code Double}, {@code Boolean} or {@code List}
 */
public record MetricDataPoint(Instant timestamp, double value, Map<String, Object> attributes) {

    /** Validates and copies. */
    public MetricDataPoint {
        Objects.requireNonNull(timestamp, "timestamp");
        attributes = QueryArguments.copyAttributes(attributes);
    }
}
