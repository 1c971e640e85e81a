package io.telemetryflow.sdk.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the data points of one metric in a time window ({@code POST /api/v2/query/signals/metrics}, averaged per bucket).
 *
 * <pre>{@code
 * MetricSeries series = telemetry.getMetric(GetMetricQuery.builder("orders.created")
 *     .last(Duration.ofMinutes(15)).groupBy("region").filter("tier", "gold").build());
 * }</pre>
 *
 * @param name metric name, non-blank
 * @param start start of the window (inclusive)
 * @param end end of the window (exclusive), after {@code start}
 * @param groupBy attribute keys to group the points by (empty: every series as recorded)
 * @param filters attribute values the points must have ({@code filter.<key>=<value>})
 */
public record GetMetricQuery(String name, Instant start, Instant end, List<String> groupBy,
                             Map<String, String> filters) implements Query<MetricSeries> {

    /** Validates and copies. */
    public GetMetricQuery {
        name = QueryArguments.requireName(name, "metric name");
        QueryArguments.requireRange(start, end);
        groupBy = QueryArguments.copyKeys(groupBy, "groupBy");
        filters = QueryArguments.copyFilters(filters, "metric filter");
    }

    /** All points of {@code name} between {@code start} and {@code end}, ungrouped and unfiltered. */
    public static GetMetricQuery of(String name, Instant start, Instant end) {
        return new GetMetricQuery(name, start, end, List.of(), Map.of());
    }

    /** A builder for {@code name}; the window defaults to the last hour. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link GetMetricQuery}. */
    public static final class Builder {
        private final String name;
        private final TimeRange range = new TimeRange();
        private final List<String> groupBy = new ArrayList<>();
        private final Map<String, String> filters = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Window from {@code start} (inclusive) to {@code end} (exclusive). */
        public Builder between(Instant start, Instant end) {
            range.between(start, end);
            return this;
        }

        /** Window of {@code window} ending when {@link #build()} runs. */
        public Builder last(Duration window) {
            range.last(window);
            return this;
        }

        /** Adds group-by attribute keys. */
        public Builder groupBy(String... keys) {
            groupBy.addAll(Arrays.asList(keys));
            return this;
        }

        /** Keeps only points whose attribute {@code key} equals {@code value}. */
        public Builder filter(String key, String value) {
            filters.put(key, value);
            return this;
        }

        /** Validates and builds. */
        public GetMetricQuery build() {
            Instant now = TimeRange.now();
            return new GetMetricQuery(name, range.start(now), range.end(now), groupBy, filters);
        }
    }
}
