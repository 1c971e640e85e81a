package io.telemetryflow.sdk.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How many log records of each severity arrived in a time range
 * ({@code POST /api/v2/query/signals/logs/count-by-severity}). The answer maps the severity text as
 * stored (e.g. {@code INFO}) to its count.
 */
public record CountLogsBySeverityQuery(Instant start, Instant end) implements Query<Map<String, Long>> {

    /** Validates: both ends present, start before end. */
    public CountLogsBySeverityQuery {
        QueryArguments.requireRange(start, end);
    }

    /** The last {@code window} up to now. */
    public static CountLogsBySeverityQuery last(Duration window) {
        TimeRange range = new TimeRange();
        range.last(window);
        Instant now = TimeRange.now();
        return new CountLogsBySeverityQuery(range.start(now), range.end(now));
    }
}
