package io.telemetryflow.sdk.application;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds traces ({@code POST /api/v2/query/signals/traces/summaries}); one page of summaries. Every criterion left
 * {@code null} (or empty) does not filter.
 *
 * <pre>{@code
 * TracesPage slowFailures = telemetry.searchTraces(SearchTracesQuery.builder()
 *     .last(Duration.ofHours(1)).service("checkout").minDuration(Duration.ofMillis(500))
 *     .hasError(true).build());
 * }</pre>
 *
 * @param start start of the window (inclusive) for the trace start time
 * @param end end of the window (exclusive), after {@code start}
 * @param service service name ({@code service.name}) of a span in the trace, or {@code null}
 * @param operation span name in the trace, or {@code null}
 * @param minDuration shortest trace duration kept, or {@code null}
 * @param maxDuration longest trace duration kept, or {@code null}; not below {@code minDuration}
 * @param tags span attribute values a span must have ({@code tag.<key>=<value>})
 * @param hasError {@code true}: only traces with an error span; {@code false}: only without; {@code null}: both
 * @param limit page size, 1 to 10 000
 * @param offset number of matching traces to skip, ≥ 0
 */
public record SearchTracesQuery(Instant start, Instant end, String service, String operation,
                                Duration minDuration, Duration maxDuration, Map<String, String> tags,
                                Boolean hasError, int limit, int offset) implements Query<TracesPage> {

    /** Validates and copies. */
    public SearchTracesQuery {
        QueryArguments.requireRange(start, end);
        service = QueryArguments.blankToNull(service);
        operation = QueryArguments.blankToNull(operation);
        if (minDuration != null && minDuration.isNegative()) {
            throw new IllegalArgumentException("minDuration must not be negative, got " + minDuration);
        }
        if (maxDuration != null && maxDuration.isNegative()) {
            throw new IllegalArgumentException("maxDuration must not be negative, got " + maxDuration);
        }
        if (minDuration != null && maxDuration != null && maxDuration.compareTo(minDuration) < 0) {
            throw new IllegalArgumentException("maxDuration (" + maxDuration + ") must not be below minDuration ("
                + minDuration + ")");
        }
        tags = QueryArguments.copyFilters(tags, "trace tag");
        QueryArguments.requirePage(limit, offset);
    }

    /** A builder: last hour, no criteria, 100 per page, from the first trace. */
    public static Builder builder() {
        return new Builder();
    }

    /** The same query for the page starting at {@code newOffset}. */
    public SearchTracesQuery withOffset(int newOffset) {
        return new SearchTracesQuery(start, end, service, operation, minDuration, maxDuration, tags, hasError,
            limit, newOffset);
    }

    /** The same query with pages of {@code newLimit}. */
    public SearchTracesQuery withLimit(int newLimit) {
        return new SearchTracesQuery(start, end, service, operation, minDuration, maxDuration, tags, hasError,
            newLimit, offset);
    }

    /** Builds a {@link SearchTracesQuery}. */
    public static final class Builder {
        private final TimeRange range = new TimeRange();
        private final Map<String, String> tags = new LinkedHashMap<>();
        private String service;
        private String operation;
        private Duration minDuration;
        private Duration maxDuration;
        private Boolean hasError;
        private int limit = QueryArguments.DEFAULT_LIMIT;
        private int offset;

        private Builder() {
        }

        /** Window for the trace start, from {@code start} (inclusive) to {@code end} (exclusive). */
        public Builder between(Instant start, Instant end) {
            range.between(start, end);
            return this;
        }

        /** Window of {@code window} ending when {@link #build()} runs. */
        public Builder last(Duration window) {
            range.last(window);
            return this;
        }

        /** Only traces with a span of this service. */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** Only traces with a span of this name. */
        public Builder operation(String operation) {
            this.operation = operation;
            return this;
        }

        /** Only traces lasting at least {@code duration}. */
        public Builder minDuration(Duration duration) {
            this.minDuration = duration;
            return this;
        }

        /** Only traces lasting at most {@code duration}. */
        public Builder maxDuration(Duration duration) {
            this.maxDuration = duration;
            return this;
        }

        /** Only traces with a span whose attribute {@code key} equals {@code value}. */
        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        /** Only traces with ({@code true}) or without ({@code false}) an error span. */
        public Builder hasError(boolean value) {
            this.hasError = value;
            return this;
        }

        /** Page size, 1 to 10 000 (default 100). */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /** Traces to skip (default 0). */
        public Builder offset(int offset) {
            this.offset = offset;
            return this;
        }

        /** Validates and builds. */
        public SearchTracesQuery build() {
            Instant now = TimeRange.now();
            return new SearchTracesQuery(range.start(now), range.end(now), service, operation, minDuration,
                maxDuration, tags, hasError, limit, offset);
        }
    }
}
