package io.telemetryflow.sdk.application;

import java.util.List;

/**
 * The names of the metrics TelemetryFlow has stored ({@code GET /api/v2/query/signals/metrics/names}).
 *
 * @param prefix only names starting with it, or {@code null} for all
 * @param limit at most this many names (1 to 10 000)
 */
public record GetMetricNamesQuery(String prefix, int limit) implements Query<List<String>> {

    /** Validates. */
    public GetMetricNamesQuery {
        prefix = QueryArguments.blankToNull(prefix);
        QueryArguments.requirePage(limit, 0);
    }

    /** All metric names (up to the default limit of 100). */
    public static GetMetricNamesQuery all() {
        return new GetMetricNamesQuery(null, QueryArguments.DEFAULT_LIMIT);
    }

    /** The metric names starting with {@code prefix} (up to 100). */
    public static GetMetricNamesQuery withPrefix(String prefix) {
        return new GetMetricNamesQuery(prefix, QueryArguments.DEFAULT_LIMIT);
    }
}
