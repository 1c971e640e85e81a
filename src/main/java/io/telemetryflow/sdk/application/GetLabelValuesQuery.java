package io.telemetryflow.sdk.application;

import java.util.List;

/**
 * The values a metric attribute (label) has taken
 * ({@code GET /api/v2/query/signals/metrics/labels/{label}}).
 *
 * @param label the attribute key, e.g. {@code region}
 * @param metricName only values of this metric, or {@code null} for all metrics
 * @param limit at most this many values (1 to 10 000)
 */
public record GetLabelValuesQuery(String label, String metricName, int limit) implements Query<List<String>> {

    /** Validates. */
    public GetLabelValuesQuery {
        label = QueryArguments.requireName(label, "label");
        if (label.contains("/") || label.contains("?") || label.contains("#")) {
            throw new IllegalArgumentException("label must not contain '/', '?' or '#', got '" + label + "'");
        }
        metricName = QueryArguments.blankToNull(metricName);
        QueryArguments.requirePage(limit, 0);
    }

    /** The values of {@code label} on {@code metricName} (up to 100). */
    public static GetLabelValuesQuery of(String label, String metricName) {
        return new GetLabelValuesQuery(label, metricName, QueryArguments.DEFAULT_LIMIT);
    }
}
