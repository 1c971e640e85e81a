package io.telemetryflow.sdk.application;

import java.util.List;

/**
 * One page of the answer to a {@link SearchTracesQuery}.
 *
 * @param traces the traces of this page
 * @param totalCount how many traces match the query across all pages
 * @param hasMore whether a page follows (ask again with {@code offset + traces.size()})
 */
public record TracesPage(List<TraceSummary> traces, long totalCount, boolean hasMore) {

    /** Copies. */
    public TracesPage {
        traces = QueryArguments.copyList(traces);
    }
}
