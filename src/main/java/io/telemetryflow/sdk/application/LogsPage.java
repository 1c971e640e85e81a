package io.telemetryflow.sdk.application;

import java.util.List;

/**
 * One page of the answer to a {@link GetLogsQuery}.
 *
 * @param logs the records of this page
 * @param totalCount how many records match the query across all pages
 * @param hasMore whether a page follows (ask again with {@code offset + logs.size()})
 */
public record LogsPage(List<LogEntry> logs, long totalCount, boolean hasMore) {

    /** Copies. */
    public LogsPage {
        logs = QueryArguments.copyList(logs);
    }
}
