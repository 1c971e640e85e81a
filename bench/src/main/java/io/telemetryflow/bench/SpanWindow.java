package io.telemetryflow.bench;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedExport;
import io.telemetryflow.devbackend.Signal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts spans emitted by the producer threads and spans decoded by the receiver and, when
 * paced, keeps at most {@link #WINDOW} spans between the two: the producers run as fast as the
 * export pipeline delivers ("the receiver keeps up"), so the JMH ops/s are delivered spans/s and
 * no queue overflows. Unpaced ("flood"), producers outrun the exporter and the overflow is dropped.
 *
 * <p>The window (1024) is below the export queue (2048) minus one batch (512) in the batch
 * processor's hands (batches on the wire take no queue room), so a paced run must never drop a
 * span; the same window applies to our client and to the raw SDK.
 */
final class SpanWindow {

    static final long WINDOW = 1024;

    private final OtlpReceiver receiver;
    private final boolean paced;
    private final AtomicLong emitted = new AtomicLong();
    /** A paced producer gives up after this long without one span arriving. */
    static final Duration MAX_QUIET = Duration.ofSeconds(30);
    private volatile long received;
    private int cursor; // guarded by this

    SpanWindow(OtlpReceiver receiver, boolean paced) {
        this.receiver = receiver;
        this.paced = paced;
    }

    /** Counts one emitted span; when paced, waits while {@link #WINDOW} spans are not yet received. */
    void emitted() {
        long e = emitted.incrementAndGet();
        if (paced && e - received > WINDOW) {
            awaitRoom(e);
        }
    }

    /**
     * Blocks until the receiver has decoded enough spans. One producer at a time waits on the
     * receiver (woken by its next export, no polling); the other waits for this monitor.
     */
    private synchronized void awaitRoom(long e) {
        long before = received;
        long lastArrival = System.nanoTime();
        while (e - refresh() > WINDOW) {
            try {
                receiver.awaitExports(cursor + 1, Duration.ofSeconds(1));
            } catch (AssertionError nothingForASecond) {
                // re-check; with 1024 spans pending a full batch is always due, so this is rare
            }
            // measured in time, not in wake-ups: a metric or log export wakes this loop without a span arriving
            if (received != before) {
                before = received;
                lastArrival = System.nanoTime();
            } else if (System.nanoTime() - lastArrival > MAX_QUIET.toNanos()) {
                // a pipeline that never reaches the receiver (e.g. -Dbench.pipeline=discard) fails the run, not hangs it
                throw new IllegalStateException("no span reached the receiver for " + MAX_QUIET.toSeconds() + " s");
            }
        }
    }

    long emittedCount() {
        return emitted.get();
    }

    /** Spans decoded by the receiver since the last {@link #reset()}. */
    synchronized long refresh() {
        List<ReceivedExport> all = receiver.exports();
        long r = received;
        for (int i = cursor; i < all.size(); i++) {
            ReceivedExport x = all.get(i);
            if (x.signal() == Signal.TRACES) {
                r += spans(x.traceRequest());
            }
        }
        cursor = all.size();
        received = r;
        return r;
    }

    /** Forgets everything (call when nothing is in flight). */
    synchronized void reset() {
        receiver.clear();
        cursor = 0;
        received = 0;
        emitted.set(0);
    }

    private static long spans(ExportTraceServiceRequest request) {
        long n = 0;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                n += ss.getSpansCount();
            }
        }
        return n;
    }
}
