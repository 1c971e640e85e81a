package io.telemetryflow.sdk.internal.query;

/**
 * The routes of TelemetryFlow Core that the read side calls (TELEMETRYFLOW-PLATFORM.md §2): the
 * one place where they are written. Core's global prefix is {@code /api/v2}; {@code /health} is
 * outside it.
 */
final class CoreRoutes {

    static final String LOGIN = "/api/v2/auth/login";
    static final String REFRESH = "/api/v2/auth/refresh";

    private static final String SIGNALS = "/api/v2/query/signals";
    static final String METRICS = SIGNALS + "/metrics";
    static final String METRIC_NAMES = SIGNALS + "/metrics/names";
    /** Followed by {@code /<labelName>}. */
    static final String METRIC_LABELS = SIGNALS + "/metrics/labels";
    static final String LOGS = SIGNALS + "/logs";
    static final String LOG_SEVERITY_LEVELS = SIGNALS + "/logs/severity-levels";
    static final String LOG_COUNT_BY_SEVERITY = SIGNALS + "/logs/count-by-severity";
    static final String TRACES = SIGNALS + "/traces";
    static final String TRACE_SUMMARIES = SIGNALS + "/traces/summaries";
    /** Followed by {@code /<traceId>}: a bare array of span rows, 404 when there are none. */
    static final String TRACE = SIGNALS + "/traces";

    static final String HEALTH = "/health";

    private CoreRoutes() {
    }
}
