package io.telemetryflow.sdk.application;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to an {@link AggregateMetricsQuery}.
 *
 * @param name the metric name
 * @param value the aggregate over every matching point; {@code NaN} for avg/min/max when nothing matched
 * @param groups one entry per group when the query grouped, else empty
 */
public record AggregationResult(String name, double value, List<AggregationGroup> groups) {

    /** Validates and copies. */
    public AggregationResult {
        Objects.requireNonNull(name, "name");
        groups = QueryArguments.copyList(groups);
    }

    /** Whether {@link #value()} is a number (not {@code NaN}: something was aggregated). */
    public boolean hasValue() {
        return !Double.isNaN(value);
    }

    /** The group whose group-by values equal {@code groupBy} exactly. */
    public Optional<AggregationGroup> group(Map<String, String> groupBy) {
        return groups.stream().filter(g -> g.groupBy().equals(groupBy)).findFirst();
    }
}
