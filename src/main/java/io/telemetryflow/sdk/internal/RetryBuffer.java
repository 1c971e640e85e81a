package io.telemetryflow.sdk.internal;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.internal.disk.BatchFiles;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Keeps the items of retryably failed exports (backend down, 429/502/503/504, gRPC UNAVAILABLE…)
 * and re-sends them, oldest first, with capped exponential backoff until the backend answers —
 * what the OpenTelemetry Collector's sending queue does, which the SDK's batch processors do not
 * (they drop a batch once the exporter's few retries are spent).
 *
 * <p>Bounded by items and by an estimate of their bytes; when full, the oldest items are dropped
 * and counted ({@link ExportHealth#bufferDropped}). While a backlog exists, new batches queue behind
 * it, so the order of arrival is kept. The processors' worker never waits for a backlog: it hands a batch
 * over and moves on; the re-sends run on this buffer's own daemon thread. Final answers (400, 401, 403)
 * are never kept. Every item is accounted: {@code recorded = exported + failed + dropped + queued + buffered}.
 *
 * <p>Up to {@link #MAX_IN_FLIGHT} direct exports are in flight at once: the processor's worker goes on as soon as
 * a batch is handed to the transport, and waits first only while that many await their answers, so the next batch
 * is encoded and sent during the previous one's round trip instead of after it (the SDK's processors wait for each
 * export, which caps a signal at one batch per round trip). A batch that fails while the one sent beside it is
 * delivered arrives after that one; batches kept for retry are re-sent in the order of arrival, one at a time.
 *
 * <p>With a disk buffer ({@code telemetryflow.buffer.directory}) every kept batch is also written to a file,
 * deleted once all its items are settled (delivered, dropped or refused); what is left at shutdown, or when
 * the process is killed, is loaded again at the next start ({@link ExportHealth#restored}) and sent first.
 *
 * @param <T> the item type ({@code SpanData}, {@code LogRecordData})
 */
final class RetryBuffer<T> {

    /** The longest wait between two re-sends (longer only if the configured first backoff is). */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** Direct exports awaiting their answers at once (two: one on the wire while the next is being encoded). */
    static final int MAX_IN_FLIGHT = 2;

    private final SignalType signal;
    private final Function<Collection<T>, CompletableResultCode> send;
    private final ToLongFunction<T> sizeOf;
    private final ExportHealth health;
    private final int maxItems;
    private final long maxBytes;
    private final int batchSize;
    private final Duration sendTimeout;
    /** The longest a direct export may take to be answered (the processors' export timeout). */
    private final Duration answerTimeout;
    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();
    /** The disk buffer, or {@code null} (memory only). */
    private final BatchFiles<T> files;
    // Guarded by lock.
    private final ArrayDeque<Entry<T>> items = new ArrayDeque<>();
    /** Items not yet settled per batch file (disk buffer only). */
    private final Map<Long, int[]> unsettled = new HashMap<>();
    private boolean writeFailureLogged;
    private long bytes;
    private int sending; // items taken out for a re-send, still counted as buffered
    private int inFlight; // direct exports not yet answered
    private long arrivals; // batches handed to export(), for the order of arrival
    private boolean scheduled;
    private boolean closed;
    private final long firstBackoffMillis;
    private final long maxBackoffMillis;
    private long backoffMillis;

    /**
     * A kept item, the batch file it is in ({@code NO_FILE} without a disk buffer) and its batch's place in the
     * order of arrival (restored batches first).
     */
    private record Entry<T>(T item, long file, long order) {
    }

    private static final long NO_FILE = -1;
    private static final long RESTORED = -1;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RetryBuffer.class.getName());

    RetryBuffer(SignalType signal, Function<Collection<T>, CompletableResultCode> send, ToLongFunction<T> sizeOf,
                ExportHealth health, int maxItems, long maxBytes, int batchSize, Duration sendTimeout,
                Duration answerTimeout, Duration firstBackoff, BatchFiles<T> files) {
        this.answerTimeout = answerTimeout;
        this.firstBackoffMillis = Math.max(1, firstBackoff.toMillis());
        this.maxBackoffMillis = Math.max(firstBackoffMillis, MAX_BACKOFF.toMillis());
        this.backoffMillis = firstBackoffMillis;
        this.signal = signal;
        this.send = send;
        this.sizeOf = sizeOf;
        this.health = health;
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "telemetryflow-retry-" + signal.name().toLowerCase(java.util.Locale.ROOT));
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // shutdown re-sends the backlog itself
        this.scheduler = executor;
        this.files = files;
        if (files != null) {
            restore();
        }
    }

    /** Loads what an earlier run left on disk (oldest first, within the bounds) and sends it first. */
    private void restore() {
        List<BatchFiles.Stored<T>> stored;
        try {
            stored = files.restore();
        } catch (java.io.IOException e) {
            LOG.warning("TelemetryFlow: cannot read the disk"
                + " buffer " + files.directory() + ": " + e);
            return;
        }
        int n = 0;
        synchronized (lock) {
            for (BatchFiles.Stored<T> batch : stored) {
                if (batch.items().isEmpty()) {
                    files.delete(batch.id());
                    continue;
                }
                health.restored(signal, batch.items().size());
                n += batch.items().size();
                add(batch.items(), batch.id(), RESTORED);
            }
            evictBeyondBounds();
            if (n > 0) {
                schedule(0);
            }
        }
        if (n > 0) {
            LOG.info("TelemetryFlow: " + n + " "
                + ExportHealth.items(signal) + " left unsent by an earlier run loaded from " + files.directory()
                + "; sending them first");
        }
    }

    /**
     * Exports a batch of admitted items: directly when there is no backlog, else behind it. Returns once the
     * batch is on the wire, waiting first while {@link #MAX_IN_FLIGHT} exports await their answers; every
     * outcome is counted in {@link ExportHealth} when the answer arrives. The result fails only for a batch
     * that is known by then not to be delivered (queued behind a backlog, or refused at once); the processor
     * only logs that at FINE.
     */
    CompletableResultCode export(Collection<T> exported) {
        // A copy: the batch processors reuse (clear and refill) the list once the export call returns
        // or times out, while this batch may still be settled or kept later.
        List<T> batch = List.copyOf(exported);
        int n = batch.size();
        if (n == 0) {
            return CompletableResultCode.ofSuccess();
        }
        health.dequeued(signal, n);
        long order;
        synchronized (lock) {
            order = arrivals++;
            long deadline = answerDeadline();
            while (true) {
                if (!closed && (!items.isEmpty() || sending > 0)) {
                    keep(batch, null, order);
                    return CompletableResultCode.ofFailure();
                }
                // every sender answers within the export timeout, so the bound only guards against one that never does
                if (inFlight < MAX_IN_FLIGHT || !awaitAnswer(deadline)) {
                    break;
                }
            }
            inFlight++;
        }
        CompletableResultCode result;
        try {
            result = send.apply(batch);
        } catch (RuntimeException e) {
            settle(batch, e, order);
            answered();
            return CompletableResultCode.ofFailure();
        }
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                health.exported(signal, n, true);
            } else {
                settle(batch, result.getFailureThrowable(), order);
            }
            answered();
        });
        return result.isDone() && !result.isSuccess() ? CompletableResultCode.ofFailure()
            : CompletableResultCode.ofSuccess();
    }

    /** A direct export was answered (its outcome already counted): room for the next on the wire. */
    private void answered() {
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }

    /**
     * Until when to wait for an in-flight export's answer: twice the export timeout. Every sender answers within
     * one, but its timer may fire a little late (the JDK client's did, by more than the gap between two sends),
     * and a wait that gave up first would put a third batch on the wire.
     */
    private long answerDeadline() {
        return System.nanoTime() + 2 * answerTimeout.toNanos();
    }

    // Guarded by lock: waits for a change (an answer, a settled item) until deadlineNanos; false once it passed.
    private boolean awaitAnswer(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether nothing is buffered or in flight; waits until then or {@code deadlineNanos} ({@link System#nanoTime()}).
     */
    boolean awaitEmpty(long deadlineNanos) {
        synchronized (lock) {
            long left;
            while ((!items.isEmpty() || sending > 0 || inFlight > 0) && (left = deadlineNanos - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return items.isEmpty() && sending == 0 && inFlight == 0;
        }
    }

    /** Items buffered now (for tests and diagnostics). */
    int size() {
        synchronized (lock) {
            return items.size() + sending;
        }
    }

    /**
     * Stops re-sending: one last attempt to deliver the backlog (as long as the backend accepts),
     * then whatever is left is dropped and counted.
     */
    void shutdown() {
        synchronized (lock) {
            // the in-flight exports first: one that fails retryably is still kept (and then re-sent or stored below)
            long deadline = answerDeadline();
            while (inFlight > 0 && awaitAnswer(deadline)) {
                // an answer or a settled item: check again
            }
            closed = true;
        }
        // Not shutdownNow: an interrupted re-send would put back a batch that may still be delivered, and
        // the last attempt below would send it twice. A pending re-send is cancelled (the executor's policy);
        // a running one finishes its batch (bounded by the send timeout) and stops, since closed is set.
        scheduler.shutdown();
        synchronized (lock) {
            // its items are delivered, or back at the head for the last attempt; counted once either way
            long deadline = System.nanoTime() + 2 * sendTimeout.toNanos();
            while (sending > 0 && awaitAnswer(deadline)) {
                // a re-send answered: check again
            }
        }
        while (true) {
            List<Entry<T>> next = take();
            if (next.isEmpty()) {
                break;
            }
            if (!resend(next, true)) {
                break;
            }
        }
        synchronized (lock) {
            long left = items.size() + (long) sending;
            if (files != null) {
                // on disk: sent at the next start; still counted as buffered (unsent) here
                if (left > 0) {
                    LOG.info("TelemetryFlow: " + left + " "
                        + ExportHealth.items(signal) + " kept in " + files.directory() + " for the next start");
                }
                files.close();
            } else {
                health.bufferDropped(signal, left);
            }
            items.clear();
            bytes = 0;
            sending = 0;
            lock.notifyAll();
        }
    }

    /** The outcome of a direct export that failed: kept for retry when it may succeed later, else failed. */
    private void settle(Collection<T> batch, Throwable cause, long order) {
        synchronized (lock) {
            if (!closed && maxItems > 0 && ExportHealth.isRetryable(cause)) {
                keep(batch, cause, order);
                return;
            }
        }
        health.failed(signal, batch.size(), true, cause);
    }

    // Guarded by lock: appends admitted items (to the disk buffer too), evicts the oldest beyond the bounds,
    // schedules a re-send.
    private void keep(Collection<T> batch, Throwable cause, long order) {
        long file = persist(batch, order); // first: what health() counts as buffered is on disk already
        health.buffered(signal, batch.size(), cause);
        add(batch, file, order);
        evictBeyondBounds();
        schedule(cause == null ? 0 : backoffMillis);
    }

    // Guarded by lock: in the order of arrival — behind what came before, ahead of a later batch that was
    // answered first (two in flight) or queued behind the backlog meanwhile.
    private void add(Collection<T> batch, long file, long order) {
        ArrayDeque<Entry<T>> later = null; // almost always none: only when the batch sent beside it came first
        while (!items.isEmpty() && items.peekLast().order() > order) {
            later = later == null ? new ArrayDeque<>() : later;
            later.addFirst(items.removeLast());
        }
        for (T item : batch) {
            items.addLast(new Entry<>(item, file, order));
            bytes += sizeOf.applyAsLong(item);
        }
        if (later != null) {
            items.addAll(later);
        }
        if (file != NO_FILE) {
            unsettled.put(file, new int[] {batch.size()});
        }
    }

    /** Writes {@code batch} to the disk buffer; {@code NO_FILE} without one or if the write fails (kept in memory). */
    private long persist(Collection<T> batch, long order) {
        if (files == null) {
            return NO_FILE;
        }
        try {
            return files.write(List.copyOf(batch), order); // named in the order of arrival, as restore reads them
        } catch (java.io.IOException | RuntimeException e) {
            if (!writeFailureLogged) { // the batch stays in memory, so nothing is lost now: said once
                writeFailureLogged = true;
                LOG.warning("TelemetryFlow: cannot write "
                    + ExportHealth.items(signal) + " to the disk buffer " + files.directory() + " (" + e
                    + "); they are kept in memory only (further write failures are not logged)");
            }
            return NO_FILE;
        }
    }

    // Guarded by lock: one item of file is settled (delivered, dropped or refused); the file goes with its last.
    private void settled(Entry<T> entry) {
        if (entry.file() == NO_FILE) {
            return;
        }
        int[] left = unsettled.get(entry.file());
        if (left != null && --left[0] <= 0) {
            unsettled.remove(entry.file());
            files.delete(entry.file());
        }
    }

    // Guarded by lock.
    private void evictBeyondBounds() {
        long evicted = 0;
        while (!items.isEmpty() && (items.size() + sending > maxItems || bytes > maxBytes)) {
            Entry<T> oldest = items.removeFirst();
            bytes -= sizeOf.applyAsLong(oldest.item());
            settled(oldest);
            evicted++;
        }
        health.bufferDropped(signal, evicted);
        lock.notifyAll();
    }

    // Guarded by lock.
    private void schedule(long delayMillis) {
        if (!scheduled && !closed) {
            scheduled = true;
            scheduler.schedule(this::drain, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Re-sends the backlog batch by batch; on a retryable failure waits (doubling, capped) and tries again. */
    private void drain() {
        synchronized (lock) {
            scheduled = false;
        }
        while (true) {
            synchronized (lock) {
                if (closed) {
                    return; // shutdown makes the last attempt itself
                }
            }
            List<Entry<T>> next = take();
            if (next.isEmpty()) {
                return;
            }
            if (!resend(next, false)) {
                synchronized (lock) {
                    backoffMillis = Math.min(backoffMillis * 2, maxBackoffMillis);
                    schedule(backoffMillis);
                }
                return;
            }
        }
    }

    private List<Entry<T>> take() {
        synchronized (lock) {
            List<Entry<T>> next = new ArrayList<>(Math.min(batchSize, items.size()));
            while (next.size() < batchSize && !items.isEmpty()) {
                Entry<T> entry = items.removeFirst();
                bytes -= sizeOf.applyAsLong(entry.item());
                next.add(entry);
            }
            sending += next.size();
            return next;
        }
    }

    /** Sends taken items; {@code false} if they were put back for a later retry. */
    private boolean resend(List<Entry<T>> batch, boolean lastAttempt) {
        CompletableResultCode result;
        Throwable cause;
        List<T> send = new ArrayList<>(batch.size());
        for (Entry<T> entry : batch) {
            send.add(entry.item());
        }
        try {
            result = this.send.apply(send).join(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            cause = result.isSuccess() ? null : result.getFailureThrowable();
        } catch (RuntimeException e) {
            result = CompletableResultCode.ofFailure();
            cause = e;
        }
        synchronized (lock) {
            sending -= batch.size();
            if (result.isSuccess()) {
                health.bufferDelivered(signal, batch.size());
                batch.forEach(this::settled);
                backoffMillis = firstBackoffMillis;
                lock.notifyAll();
                return true;
            }
            if (!result.isDone() || ExportHealth.isRetryable(cause)) {
                if (!lastAttempt) {
                    health.retryFailed(signal, batch.size(), cause);
                }
                for (int i = batch.size() - 1; i >= 0; i--) { // back at the head, in order
                    items.addFirst(batch.get(i));
                    bytes += sizeOf.applyAsLong(batch.get(i).item());
                }
                evictBeyondBounds();
                lock.notifyAll(); // a shutdown may be waiting for this re-send
                return false;
            }
            health.bufferFailed(signal, batch.size(), cause);
            batch.forEach(this::settled);
            lock.notifyAll();
            return true;
        }
    }
}
