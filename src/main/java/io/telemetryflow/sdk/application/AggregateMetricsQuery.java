package io.telemetryflow.sdk.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Aggregates one metric over a time window into a single value, optionally per group
 * ({@code POST /api/v2/query/signals/metrics}, aggregated buckets combined).
 *
 * <pre>{@code
 * AggregationResult perRegion = telemetry.aggregateMetrics(
 *     AggregateMetricsQuery.builder("orders.created", Aggregation.SUM).last(Duration.ofHours(1))
 *         .groupBy("region").build());
 * }</pre>
 *
 * @param name metric name, non-blank
 * @param start start of the window (inclusive)
 * @param end end of the window (exclusive), after {@code start}
 * @param aggregation the aggregation function
 * @param groupBy attribute keys to aggregate per group (empty: one overall value)
 */
public record AggregateMetricsQuery(String name, Instant start, Instant end, Aggregation aggregation,
                                    List<String> groupBy) implements Query<AggregationResult> {

    /** The aggregation function of an {@link AggregateMetricsQuery}. */
    public enum Aggregation {
        SUM, AVG, MIN, MAX, COUNT;

        /** The lower-case name used on the wire ({@code sum}, {@code avg}, …). */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses {@code sum}, {@code AVG}, … (case-insensitive).
         *
         * @throws IllegalArgumentException naming the allowed values
         */
        public static Aggregation parse(String value) {
            if (value != null) {
                String v = value.trim().toUpperCase(Locale.ROOT);
                for (Aggregation a : values()) {
                    if (a.name().equals(v)) {
                        return a;
                    }
                }
            }
            throw new IllegalArgumentException("aggregation '" + value + "': allowed sum, avg, min, max, count");
        }
    }

    /** Validates and copies. */
    public AggregateMetricsQuery {
        name = QueryArguments.requireName(name, "metric name");
        QueryArguments.requireRange(start, end);
        if (aggregation == null) {
            throw new IllegalArgumentException("aggregation must not be null (sum, avg, min, max or count)");
        }
        groupBy = QueryArguments.copyKeys(groupBy, "groupBy");
    }

    /** One overall value of {@code aggregation} over {@code name} between {@code start} and {@code end}. */
    public static AggregateMetricsQuery of(String name, Aggregation aggregation, Instant start, Instant end) {
        return new AggregateMetricsQuery(name, start, end, aggregation, List.of());
    }

    /** A builder; the window defaults to the last hour. */
    public static Builder builder(String name, Aggregation aggregation) {
        return new Builder(name, aggregation);
    }

    /** Builds an {@link AggregateMetricsQuery}. */
    public static final class Builder {
        private final String name;
        private final Aggregation aggregation;
        private final TimeRange range = new TimeRange();
        private final List<String> groupBy = new ArrayList<>();

        private Builder(String name, Aggregation aggregation) {
            this.name = name;
            this.aggregation = aggregation;
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

        /** Validates and builds. */
        public AggregateMetricsQuery build() {
            Instant now = TimeRange.now();
            return new AggregateMetricsQuery(name, range.start(now), range.end(now), aggregation, groupBy);
        }
    }
}
