package io.telemetryflow.sdk.application;

import java.util.Map;

/**
 * The aggregated value of one group of an {@link AggregationResult}.
 *
 * @param groupBy the group's values of the group-by keys (a key the points lack is absent)
 * @param value the aggregated value; {@code NaN} for avg/min/max of a group without observations
 */
public record AggregationGroup(Map<String, String> groupBy, double value) {

    /** Copies. */
    public AggregationGroup {
        groupBy = groupBy == null ? Map.of() : Map.copyOf(groupBy);
    }
}
