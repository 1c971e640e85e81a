package io.telemetryflow.sdk.application;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to a {@link GetMetricQuery}: the metric's points in time order.
 *
 * @param name the metric name
 * @param dataPoints the points
 */
public record MetricSeries(String name, List<MetricDataPoint> dataPoints) {

    /** Validates and copies. */
    public MetricSeries {
        Objects.requireNonNull(name, "name");
        dataPoints = QueryArguments.copyList(dataPoints);
    }

    /** The points whose attributes include every entry of {@code attributes} (compared as strings). */
    public List<MetricDataPoint> pointsWith(Map<String, ?> attributes) {
        return dataPoints.stream().filter(p -> attributes.entrySet().stream().allMatch(e ->
            p.attributes().containsKey(e.getKey())
                && String.valueOf(p.attributes().get(e.getKey())).equals(String.valueOf(e.getValue())))).toList();
    }
}
