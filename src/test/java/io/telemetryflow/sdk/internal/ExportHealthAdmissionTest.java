package io.telemetryflow.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.SignalType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Admission: bounded by the queue's room, every item counted once, exact totals once the producers stop. */
class ExportHealthAdmissionTest {

    private static final int BOUND = 64;

    @Test
    void aFullQueueRefusesAndCountsTheDropAndItemsHandedToTheExporterFreeRoom() {
        ExportHealth health = new ExportHealth(2, "tfs_never_logged");
        assertThat(health.admit(SignalType.TRACES)).isTrue();
        assertThat(health.admit(SignalType.TRACES)).isTrue();
        assertThat(health.admit(SignalType.TRACES)).as("the third of a bound of two").isFalse();
        SignalHealth full = health.snapshot().signals().get(SignalType.TRACES);
        assertThat(full.recorded()).isEqualTo(3);
        assertThat(full.queued()).isEqualTo(2);
        assertThat(full.dropped()).isEqualTo(1);

        health.dequeued(SignalType.TRACES, 2);
        assertThat(health.admit(SignalType.TRACES)).as("room freed by handing both to the exporter").isTrue();
        assertThat(health.snapshot().signals().get(SignalType.TRACES).queued())
            .as("in flight until their outcome is known").isEqualTo(3);
        health.exported(SignalType.TRACES, 1, true);
        health.buffered(SignalType.TRACES, 1, null);
        assertThat(health.admit(SignalType.TRACES)).isTrue();
        assertThat(health.admit(SignalType.TRACES)).as("the queue holds two again; outcomes free no more room")
            .isFalse();
        SignalHealth after = health.snapshot().signals().get(SignalType.TRACES);
        assertThat(after.recorded()).isEqualTo(6);
        assertThat(after.exported()).isEqualTo(1);
        assertThat(after.buffered()).isEqualTo(1);
        assertThat(after.queued()).isEqualTo(2);
        assertThat(after.dropped()).isEqualTo(2);
        assertThat(health.snapshot().signals().get(SignalType.LOGS).recorded()).as("signals apart").isZero();
    }

    /**
     * Repeated: the race it guards (a caller that refreshed its stale dequeued count and took room that others
     * had just taken) shows in about one run in six, so eight runs catch it about three times in four.
     */
    @RepeatedTest(8)
    void concurrentProducersAndAnExporterNeverExceedTheBoundAndAddUp() throws Exception {
        ExportHealth health = new ExportHealth(BOUND, "tfs_never_logged");
        int producers = 4;
        int perProducer = 1_000_000;
        AtomicLong admitted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        // What the batch processor's queue would hold: exactly the bound. Admission may never let in an item
        // that finds it full (the exporter takes items out, says so, and settles them later, as the processor
        // and the retry buffer do with up to RetryBuffer.MAX_IN_FLIGHT batches on the wire).
        ArrayBlockingQueue<Object> pipeline = new ArrayBlockingQueue<>(BOUND);
        AtomicLong foundFull = new AtomicLong();
        AtomicBoolean producing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            threads.add(new Thread(() -> {
                await(start);
                for (int i = 0; i < perProducer; i++) {
                    if (health.admit(SignalType.TRACES)) {
                        admitted.incrementAndGet();
                        if (!pipeline.offer(Boolean.TRUE)) {
                            foundFull.incrementAndGet();
                        }
                    } else {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        // the export thread: takes batches out of the queue, keeps the last few in flight, and settles the
        // oldest as exported, failed or buffered
        Thread exporter = new Thread(() -> {
            await(start);
            int[] turn = {0};
            java.util.ArrayDeque<Integer> inFlight = new java.util.ArrayDeque<>();
            List<Object> batch = new ArrayList<>(16);
            while (producing.get() || !pipeline.isEmpty()) {
                batch.clear();
                int n = pipeline.drainTo(batch, 16);
                if (n == 0) {
                    Thread.onSpinWait();
                    continue;
                }
                health.dequeued(SignalType.TRACES, n);
                inFlight.addLast(n);
                if (inFlight.size() > RetryBuffer.MAX_IN_FLIGHT) {
                    settle(health, inFlight.removeFirst(), turn[0]++);
                }
            }
            while (!inFlight.isEmpty()) {
                settle(health, inFlight.removeFirst(), turn[0]++);
            }
        });
        threads.forEach(Thread::start);
        exporter.start();
        start.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(t.isAlive()).isFalse();
        }
        producing.set(false);
        exporter.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(exporter.isAlive()).isFalse();

        SignalHealth h = health.snapshot().signals().get(SignalType.TRACES);
        long total = (long) producers * perProducer;
        assertThat(admitted.get() + refused.get()).isEqualTo(total);
        assertThat(refused.get()).as("the bound was reached").isPositive();
        assertThat(foundFull.get()).as("items admitted into a full pipeline (in flight above the bound)").isZero();
        assertThat(h.recorded()).isEqualTo(total);
        assertThat(h.dropped()).isEqualTo(refused.get());
        assertThat(h.queued()).isZero();
        assertThat(h.exported() + h.failed() + h.buffered()).isEqualTo(admitted.get() - foundFull.get());
        assertThat(h.recorded()).isEqualTo(h.exported() + h.failed() + h.dropped() + h.buffered() + h.queued());
    }

    private static void settle(ExportHealth health, int n, int turn) {
        switch (turn % 3) {
            case 0: health.exported(SignalType.TRACES, n, true); break;
            case 1: health.failed(SignalType.TRACES, n, true, null); break;
            default: health.buffered(SignalType.TRACES, n, null); break;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
