package io.telemetryflow.sdk.application;

import io.telemetryflow.sdk.domain.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads one page of log records ({@code POST /api/v2/query/signals/logs}). Walk all pages with
 * {@code TelemetryClient.streamLogs} / {@code getAllLogs}, or by hand with {@link #withOffset}.
 *
 * <pre>{@code
 * LogsPage errors = telemetry.getLogs(GetLogsQuery.builder().last(Duration.ofMinutes(10))
 *     .severities(Severity.ERROR, Severity.FATAL).search("payment").limit(50).build());
 * }</pre>
 *
 * @param start start of the window (inclusive)
 * @param end end of the window (exclusive), after {@code start}
 * @param severities severities to keep (exact levels, not "at least"); empty keeps all
 * @param search text the message must contain, or {@code null} for none (blank becomes {@code null})
 * @param filters attribute values the records must have ({@code filter.<key>=<value>})
 * @param limit page size, 1 to 10 000
 * @param offset number of matching records to skip, ≥ 0
 */
public record GetLogsQuery(Instant start, Instant end, Set<Severity> severities, String search,
                           Map<String, String> filters, int limit, int offset) implements Query<LogsPage> {

    /** Validates and copies. */
    public GetLogsQuery {
        QueryArguments.requireRange(start, end);
        severities = severities == null || severities.isEmpty()
            ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(severities));
        search = QueryArguments.blankToNull(search);
        filters = QueryArguments.copyFilters(filters, "log filter");
        QueryArguments.requirePage(limit, offset);
    }

    /** A builder: last hour, all severities, no search, 100 per page, from the first record. */
    public static Builder builder() {
        return new Builder();
    }

    /** The same query for the page starting at {@code newOffset}. */
    public GetLogsQuery withOffset(int newOffset) {
        return new GetLogsQuery(start, end, severities, search, filters, limit, newOffset);
    }

    /** The same query with pages of {@code newLimit}. */
    public GetLogsQuery withLimit(int newLimit) {
        return new GetLogsQuery(start, end, severities, search, filters, newLimit, offset);
    }

    /** Builds a {@link GetLogsQuery}. */
    public static final class Builder {
        private final TimeRange range = new TimeRange();
        private final Set<Severity> severities = EnumSet.noneOf(Severity.class);
        private final Map<String, String> filters = new LinkedHashMap<>();
        private String search;
        private int limit = QueryArguments.DEFAULT_LIMIT;
        private int offset;

        private Builder() {
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

        /** Keeps only these severities (adds to earlier calls). */
        public Builder severities(Severity... values) {
            severities.addAll(Arrays.asList(values));
            return this;
        }

        /** Keeps only records whose message contains {@code text}. */
        public Builder search(String text) {
            this.search = text;
            return this;
        }

        /** Keeps only records whose attribute {@code key} equals {@code value}. */
        public Builder filter(String key, String value) {
            filters.put(key, value);
            return this;
        }

        /** Page size, 1 to 10 000 (default 100). */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /** Records to skip (default 0). */
        public Builder offset(int offset) {
            this.offset = offset;
            return this;
        }

        /** Validates and builds. */
        public GetLogsQuery build() {
            Instant now = TimeRange.now();
            return new GetLogsQuery(range.start(now), range.end(now), severities, search, filters, limit, offset);
        }
    }
}
