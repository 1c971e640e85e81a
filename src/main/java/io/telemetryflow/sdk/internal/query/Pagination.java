package io.telemetryflow.sdk.internal.query;

import io.telemetryflow.sdk.application.GetLogsQuery;
import io.telemetryflow.sdk.application.LogEntry;
import io.telemetryflow.sdk.application.LogsPage;
import io.telemetryflow.sdk.application.SearchTracesQuery;
import io.telemetryflow.sdk.application.TraceSummary;
import io.telemetryflow.sdk.application.TracesPage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks paged query results by following {@code hasMore} (Core's {@code pagination.hasNext}): each
 * next page is the same query one page ({@code limit}) further on. Pages are fetched lazily, only when the stream
 * needs them, so a stream can be cut short with {@code limit} or {@code findFirst} cheaply.
 *
 * <p>Offset paging is not a snapshot: records arriving while the walk runs can shift pages, so an
 * item may be seen twice or missed. A page that is empty although {@code hasMore} is true ends
 * the walk (a server that keeps claiming more must not loop forever).
 */
public final class Pagination {

    /** Bound of {@link #collect}: lists beyond this size must be streamed instead. */
    public static final int MAX_COLLECTED = 100_000;

    private Pagination() {
    }

    /** Every log entry matching {@code first}, from its offset on, fetching pages through {@code fetch}. */
    public static Stream<LogEntry> logs(Function<GetLogsQuery, LogsPage> fetch, GetLogsQuery first) {
        Objects.requireNonNull(first, "query");
        return walk(fetch, first.offset(), first.limit(), first::withOffset, p -> new Page<>(p.logs(), p.hasMore()));
    }

    /** Every trace summary matching {@code first}, from its offset on, fetching pages through {@code fetch}. */
    public static Stream<TraceSummary> traces(Function<SearchTracesQuery, TracesPage> fetch, SearchTracesQuery first) {
        Objects.requireNonNull(first, "query");
        return walk(fetch, first.offset(), first.limit(), first::withOffset, p -> new Page<>(p.traces(), p.hasMore()));
    }

    /**
     * Collects {@code items} into a list of at most {@value #MAX_COLLECTED} elements.
     *
     * @throws IllegalStateException if there are more, before fetching more pages than needed to know it
     */
    public static <T> List<T> collect(Stream<T> items, String what) {
        List<T> all = new ArrayList<>();
        Iterator<T> it = items.iterator();
        while (it.hasNext()) {
            if (all.size() == MAX_COLLECTED) {
                throw new IllegalStateException("more than " + MAX_COLLECTED + " " + what
                    + " match; narrow the query or stream the results");
            }
            all.add(it.next());
        }
        return all;
    }

    private record Page<T>(List<T> items, boolean hasMore) {
    }

    // TelemetryFlow Core pages by page number: the next page starts one limit further on.
    private static <Q, P, T> Stream<T> walk(Function<Q, P> fetch, int firstOffset, int limit, IntFunction<Q> atOffset,
                                            Function<P, Page<T>> unpack) {
        Objects.requireNonNull(fetch, "fetch");
        Spliterator<T> pages = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            private Iterator<T> current = List.<T>of().iterator();
            private int offset = firstOffset;
            private boolean more = true;

            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                while (!current.hasNext()) {
                    if (!more) {
                        return false;
                    }
                    Page<T> page = unpack.apply(fetch.apply(atOffset.apply(offset)));
                    long next = (long) offset + limit;
                    more = page.hasMore() && !page.items().isEmpty() && next <= Integer.MAX_VALUE;
                    offset = (int) Math.min(next, Integer.MAX_VALUE);
                    current = page.items().iterator();
                }
                action.accept(current.next());
                return true;
            }
        };
        return StreamSupport.stream(pages, false);
    }
}
