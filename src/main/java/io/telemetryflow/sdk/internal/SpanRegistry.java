package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.telemetryflow.sdk.domain.SignalType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spans started with {@code startSpan} and not yet ended, by span id.
 *
 * <p>Bounded: when the cap is reached, the oldest open span is discarded (never exported) and
 * counted as a dropped span, so forgotten {@code endSpan} calls cannot grow memory.
 *
 * <p>No global lock and no allocation: {@code startSpan} and {@code endSpan} are one put and one remove in a
 * striped {@link SpanTable}, so threads starting and ending spans at once do not queue behind each other on one
 * monitor, and far below the cap they do not read the table's size each time either ({@link #CHECK_ONE_IN}). Only an
 * overflow, which means spans are being forgotten, takes the eviction lock. The table keeps no insertion order, so eviction
 * finds the oldest by start time (on the monotonic clock, from {@link ReadableSpan#getLatencyNanos()}) in one
 * scan ({@link #oldestIds}) that keeps the {@link #CANDIDATE_SHARE oldest share} as candidates; later overflows take the next one.
 * That is exact: every span registered after the scan is younger than every candidate, and every span
 * the scan did not keep is younger than the ones it kept.
 */
public final class SpanRegistry {

    /** One scan keeps the oldest {@code capacity / CANDIDATE_SHARE} spans (at least one) for the overflows to come. */
    static final int CANDIDATE_SHARE = 2;

    /**
     * Far below the cap, one registration in {@code CHECK_ONE_IN} (by its id's hash) reads the map's size:
     * the size is summed from counters the other threads write, so reading it on every registration would
     * make threads that start spans at once pull each other's cache lines on every call.
     */
    static final int CHECK_ONE_IN = 16;

    /**
     * From {@code capacity - UNCHECKED_MARGIN} open spans on, every registration reads the size, so the cap
     * holds exactly. Reaching the cap from below the margin without one sampled check would take 1 024
     * registrations in a row that all miss a 1-in-16 draw: about 10<sup>-29</sup>.
     */
    static final int UNCHECKED_MARGIN = 1024;

    /** {@link #startNanos} of a span whose start is unknown. */
    private static final long UNKNOWN_START = Long.MIN_VALUE;

    private final int capacity;
    private final int candidatesPerScan;
    private final int exactFrom;
    private volatile boolean nearCap;
    private final ExportHealth health;
    private final SpanTable open = new SpanTable();
    private final AtomicLong overflow = new AtomicLong();
    private final ArrayDeque<String> oldestFirst = new ArrayDeque<>(); // guarded by itself: the eviction lock

    /** A registry holding at most {@code capacity} open spans. */
    public SpanRegistry(int capacity, ExportHealth health) {
        this.capacity = capacity;
        this.candidatesPerScan = Math.max(1, capacity / CANDIDATE_SHARE);
        this.exactFrom = capacity - UNCHECKED_MARGIN;
        this.nearCap = exactFrom <= 0;
        this.health = health;
    }

    /** Registers {@code span} under its span id and returns the id. */
    public String register(Span span) {
        String id = open.put(span);
        if (nearCap || sampled(id)) {
            checkCap();
        }
        return id;
    }

    private static boolean sampled(String id) {
        // the table picks its stripe from the low bits of the same hash (kept by the string): sample above them
        int h = SpanTable.hash(id) >>> Integer.numberOfTrailingZeros(SpanTable.STRIPES);
        return (h & (CHECK_ONE_IN - 1)) == 0;
    }

    private void checkCap() {
        long n = open.size();
        if (n > capacity) {
            evictOverflow();
        }
        boolean near = n >= exactFrom;
        if (near != nearCap) {
            nearCap = near;
        }
    }

    /** Removes and returns the span {@code id}, or {@code null} if unknown (never started, ended or evicted). */
    public Span remove(String id) {
        return open.remove(id);
    }

    /** The span {@code id}, or {@code null}. */
    public Span get(String id) {
        return open.get(id);
    }

    /** The ids of the open spans, oldest first (a snapshot). */
    public List<String> ids() {
        return oldestIds(Integer.MAX_VALUE);
    }

    /** Number of open spans. */
    public int size() {
        return open.size();
    }

    /** Number of spans discarded because the cap was reached. */
    public long overflowCount() {
        return overflow.get();
    }

    /** Removes every open span (on shutdown), returning how many there were. */
    public int clear() {
        int n = open.clear();
        synchronized (oldestFirst) {
            oldestFirst.clear();
        }
        return n;
    }

    /** Evicts the oldest open spans until the cap holds again; each one evicted is counted as dropped. */
    private void evictOverflow() {
        long evicted = 0;
        synchronized (oldestFirst) {
            while (open.size() > capacity) {
                if (oldestFirst.isEmpty()) {
                    List<String> oldest = oldestIds(candidatesPerScan);
                    if (oldest.isEmpty()) {
                        break; // emptied meanwhile by endSpan calls
                    }
                    oldestFirst.addAll(oldest);
                }
                if (open.remove(oldestFirst.poll()) != null) {
                    evicted++;
                } // else ended since the scan: nothing to evict for it
            }
        }
        if (evicted > 0) {
            overflow.addAndGet(evicted);
            health.dropped(SignalType.TRACES, evicted);
        }
    }

    /**
     * The ids of the oldest {@code limit} open spans, oldest first, from one scan. Sorts primitives, not
     * entries: each span's start, relative to the oldest, shifted left over its index into one {@code long}
     * (a start range too wide for the bits left is coarsened, never the index), so a scan of 10 000 spans is
     * one {@code long[]} sort.
     */
    private List<String> oldestIds(int limit) {
        Scan scan = new Scan(open.size() + 16);
        open.forEach(scan);
        String[] ids = scan.ids;
        long[] starts = scan.starts;
        int n = scan.n;
        long oldest = scan.oldest;
        long newest = scan.newest;
        if (n == 0) {
            return List.of();
        }
        if (oldest > newest) { // no start known
            oldest = newest = 0;
        }
        int indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
        int shift = Math.max(0, (64 - Long.numberOfLeadingZeros(newest - oldest)) - (63 - indexBits));
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long sinceOldest = starts[i] == UNKNOWN_START ? 0 : starts[i] - oldest;
            keys[i] = (sinceOldest >>> shift) << indexBits | i;
        }
        Arrays.sort(keys);
        long indexMask = (1L << indexBits) - 1;
        int kept = Math.min(limit, n);
        List<String> result = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            result.add(ids[(int) (keys[i] & indexMask)]);
        }
        return result;
    }

    /** What one scan saw: each span's id and start, and the range of the starts known. */
    private static final class Scan implements java.util.function.Consumer<Span> {
        String[] ids;
        long[] starts;
        int n;
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;

        Scan(int expected) {
            ids = new String[expected];
            starts = new long[expected];
        }

        @Override
        public void accept(Span span) {
            if (n == ids.length) { // registered during the scan
                ids = Arrays.copyOf(ids, n * 2);
                starts = Arrays.copyOf(starts, n * 2);
            }
            long start = startNanos(span);
            ids[n] = span.getSpanContext().getSpanId();
            starts[n++] = start;
            if (start != UNKNOWN_START) {
                oldest = Math.min(oldest, start);
                newest = Math.max(newest, start);
            }
        }
    }

    /**
     * When {@code span} started, in {@link System#nanoTime()} terms: the SDK's span clock measures its age with
     * the same monotonic clock, so "now minus age" orders spans by start to within the few nanoseconds between
     * the two reads, however long the scan takes. A span that is not the SDK's (none is registered by our
     * handlers, but the type allows it) has no known start and is evicted with the oldest.
     */
    private static long startNanos(Span span) {
        return span instanceof ReadableSpan readable ? System.nanoTime() - readable.getLatencyNanos() : UNKNOWN_START;
    }
}
