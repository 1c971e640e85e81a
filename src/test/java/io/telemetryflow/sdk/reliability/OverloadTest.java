package io.telemetryflow.sdk.reliability;

import static io.telemetryflow.sdk.reliability.Reliability.awaitHealth;
import static io.telemetryflow.sdk.reliability.Reliability.heapAfterGc;
import static io.telemetryflow.sdk.reliability.Reliability.mb;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.devbackend.FaultMode;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sustained overload: two threads record as fast as they can for a few seconds while the backend
 * hangs (every export times out). The queues stay within their bound the whole time, the excess
 * is dropped and counted, the heap does not grow, and once the backend answers again the counters
 * add up exactly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OverloadTest {

    private static final int QUEUE = 512;
    private static final int BATCH = 128;
    /**
     * What health() may count as queued: the processor's queue, two batches on the wire (RetryBuffer.MAX_IN_FLIGHT)
     * and one taken out of the queue, waiting for them.
     */
    private static final int IN_PIPELINE = QUEUE + 3 * BATCH;
    private static final long RUN_MILLIS = 3000;
    /** Allowed growth of the heap after GC between the first second and the end of the run. */
    private static final long HEAP_BOUND = 16L * 1024 * 1024;

    @Test
    void queuesStayBoundedDropsAreCountedAndTheHeapStaysFlat() throws Exception {
        OtlpReceiver receiver = OtlpReceiver.start();
        receiver.respondWith(FaultMode.HANG);
        TelemetryClient client = Reliability.builder(Protocol.HTTP, receiver)
            .timeout(Duration.ofMillis(500))
            .retry(false, 0, Duration.ofMillis(100))
            .batch(Duration.ofMillis(100), BATCH)
            .maxQueueSize(QUEUE)
            .build().initialize();
        AtomicBoolean running = new AtomicBoolean(true);
        // producers pause while the heap is measured: a GC racing two allocating threads measures
        // their garbage in flight, not what the SDK retains
        AtomicBoolean paused = new AtomicBoolean(false);
        AtomicLong rounds = new AtomicLong();
        List<Thread> producers = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            for (int t = 0; t < 2; t++) {
                int thread = t;
                Thread p = new Thread(() -> {
                    Map<String, Object> attributes = Map.of("thread", thread);
                    try {
                        while (running.get()) {
                            if (paused.get()) {
                                Thread.onSpinWait();
                                Thread.sleep(1);
                                continue;
                            }
                            client.endSpan(client.startSpan("overload.span"));
                            client.logInfo("overload-log", attributes);
                            client.recordGauge("overload.gauge", 1.0, attributes);
                            rounds.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }, "overload-producer-" + t);
                p.setDaemon(true);
                producers.add(p);
                p.start();
            }

            long start = System.nanoTime();
            long heapAt1s = -1;
            long maxQueued = 0;
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS)) {
                HealthStatus h = client.health();
                for (SignalType s : new SignalType[] {SignalType.TRACES, SignalType.LOGS}) {
                    long queued = h.signals().get(s).queued();
                    maxQueued = Math.max(maxQueued, queued);
                    assertThat(queued).as(s + " queued while overloaded").isLessThanOrEqualTo(IN_PIPELINE);
                }
                if (heapAt1s < 0 && System.nanoTime() - start > TimeUnit.SECONDS.toNanos(1)) {
                    heapAt1s = quietHeap(paused);
                }
                Reliability.sleep(50);
            }
            long heapAtEnd = quietHeap(paused);
            running.set(false);
            for (Thread p : producers) {
                p.join(5000);
            }
            assertThat(errors).as("exceptions thrown into the recording threads").isEmpty();

            // The backend recovers: everything still queued is delivered, and the books balance.
            receiver.respondWith(FaultMode.ACCEPT);
            HealthStatus end = awaitHealth(client, h -> h.signals().get(SignalType.TRACES).queued() == 0
                && h.signals().get(SignalType.LOGS).queued() == 0, Duration.ofSeconds(20), "the queues to drain");
            client.flush(Duration.ofSeconds(5));
            end = client.health();
            System.out.printf(java.util.Locale.ROOT, "[reliability] overload %d ms, 2 threads: %d record rounds"
                + " (%d calls); max queued %d (bound %d); heap after GC at 1 s %s, at end %s (growth %s, bound %s); %s%n",
                RUN_MILLIS, rounds.get(), rounds.get() * 4, maxQueued, IN_PIPELINE, mb(heapAt1s), mb(heapAtEnd),
                mb(heapAtEnd - heapAt1s), mb(HEAP_BOUND), end.signals());
            for (SignalType s : new SignalType[] {SignalType.TRACES, SignalType.LOGS}) {
                SignalHealth h = end.signals().get(s);
                assertThat(h.recorded()).as(s + " recorded").isEqualTo(rounds.get());
                assertThat(h.dropped()).as(s + " dropped").isPositive();
                assertThat(h.queued()).isZero();
                assertThat(h.recorded()).as(s + ": recorded = exported + failed + dropped")
                    .isEqualTo(h.exported() + h.failed() + h.dropped());
            }
            assertThat(end.status()).isEqualTo(HealthStatus.State.DEGRADED);
            assertThat(heapAtEnd - heapAt1s).as("heap growth under sustained overload").isLessThan(HEAP_BOUND);
        } finally {
            running.set(false);
            client.shutdown(Duration.ofSeconds(2));
            receiver.stop();
        }
    }

    /** Heap after GC with the producers paused (the export pipeline keeps running). */
    private static long quietHeap(AtomicBoolean paused) {
        paused.set(true);
        try {
            Reliability.sleep(100);
            return heapAfterGc();
        } finally {
            paused.set(false);
        }
    }
}
