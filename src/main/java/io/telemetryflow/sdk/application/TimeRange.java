package io.telemetryflow.sdk.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The mutable time window of the query builders: explicit {@code between(start, end)} or a
 * window ending now ({@code last(duration)}); the last hour when neither was called.
 */
final class TimeRange {

    private Instant start;
    private Instant end;
    private Duration last;

    void between(Instant start, Instant end) {
        QueryArguments.requireRange(start, end);
        this.start = start;
        this.end = end;
        this.last = null;
    }

    void last(Duration window) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("query window must be positive, got " + window);
        }
        this.last = window;
        this.start = null;
        this.end = null;
    }

    /** Start of the window; a relative window is resolved against the clock when the query is built. */
    Instant start(Instant now) {
        return start != null ? start : now.minus(last != null ? last : QueryArguments.DEFAULT_RANGE);
    }

    Instant end(Instant now) {
        return end != null ? end : now;
    }

    static Instant now() {
        return Clock.systemUTC().instant();
    }
}
