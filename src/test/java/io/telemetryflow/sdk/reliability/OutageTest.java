package io.telemetryflow.sdk.reliability;

import static io.telemetryflow.sdk.reliability.Reliability.WAIT;
import static io.telemetryflow.sdk.reliability.Reliability.awaitHealth;
import static io.telemetryflow.sdk.reliability.Reliability.millisSince;
import static io.telemetryflow.sdk.reliability.Reliability.quantileMicros;
import static io.telemetryflow.sdk.reliability.Reliability.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The collector goes away while the application keeps recording, then comes back on the same
 * port: record calls neither throw nor slow down; failed batches move from the export queue into
 * the retry buffer (so the queue keeps taking records), what fits in neither is dropped and
 * counted, everything else is delivered after the restart, and the health counters add up exactly.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OutageTest {

    private static final int QUEUE = 4096;
    private static final int BATCH = 512;
    /**
     * What health() may count as queued: the processor's queue, two batches on the wire (RetryBuffer.MAX_IN_FLIGHT,
     * being retried while the backend is down) and one taken out of the queue, waiting for them — as in OverloadTest.
     */
    private static final int IN_PIPELINE = QUEUE + 3 * BATCH;
    private static final int WARMUP = 1500;
    private static final int TIMED = 2000;
    /** Untimed records during the outage on top of TIMED, so that the queue overflows by a known amount. */
    private static final int EXTRA = 3000;
    /**
     * Absolute slack on top of "2x the healthy p99": the p99 of a few thousand calls is a handful of
     * calls, and on a noisy 2-core CI box one GC pause or a descheduled thread moves it by a
     * millisecond whatever the SDK does. This is a bound check, not a performance claim.
     */
    private static final double SLACK_MICROS = 1000;

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void recordsDuringAnOutageAreQueuedWithinCapacityAndDeliveredAfterRestart(Protocol protocol) {
        OtlpReceiver receiver = OtlpReceiver.start();
        OtlpReceiver restarted = null;
        // Retry window: attempts about 0.5 s, 1 s, 2 s and 4 s apart (+-20 % jitter), all within the
        // 10 s export timeout, so the first failing batch is still being retried when the receiver
        // returns about 1.5 s after the outage began.
        TelemetryClient client = Reliability.builder(protocol, receiver)
            .timeout(Duration.ofSeconds(10))
            .retry(true, 4, Duration.ofMillis(500))
            .batch(Duration.ofMillis(200), BATCH)
            .maxQueueSize(QUEUE)
            .build().initialize();
        try {
            // Healthy: warm up (JIT), then measure.
            record(client, "warmup", WARMUP);
            long[] healthy = record(client, "healthy", TIMED);
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            awaitHealth(client, h -> queued(h) == 0, WAIT, "the healthy phase to be exported");
            HealthStatus before = client.health();
            int spansBefore = receiver.spans().size();
            int logsBefore = receiver.logs().size();
            assertThat((long) spansBefore).isEqualTo(before.signals().get(SignalType.TRACES).exported());
            assertThat((long) logsBefore).isEqualTo(before.signals().get(SignalType.LOGS).exported());

            // Outage.
            long stopStart = System.nanoTime();
            receiver.stop();
            long outageStart = System.nanoTime();
            long stopMillis = millisSince(stopStart);
            long[] outage = record(client, "outage", TIMED);
            record(client, "outage-extra", EXTRA);
            HealthStatus during = client.health();
            int made = TIMED + EXTRA;
            long[] droppedDuring = new long[2];
            int si = 0;
            for (SignalType s : new SignalType[] {SignalType.TRACES, SignalType.LOGS}) {
                SignalHealth b = before.signals().get(s);
                SignalHealth d = during.signals().get(s);
                assertThat(d.recorded() - b.recorded()).as(s + " recorded during the outage").isEqualTo(made);
                assertThat(d.queued()).as(s + " queued during the outage (bounded by the pipeline)").isLessThanOrEqualTo(IN_PIPELINE);
                assertThat(d.failed()).as(s + " failed: nothing is final while the backend is merely down").isZero();
                droppedDuring[si++] = d.dropped() - b.dropped();
                assertThat(d.balanced()).as(s + " balanced during the outage: " + d).isTrue();
            }

            double healthyP99 = quantileMicros(healthy, 0.99);
            double outageP99 = quantileMicros(outage, 0.99);
            System.out.printf(java.util.Locale.ROOT,
                "[reliability] %s record-call latency (%d calls each): healthy p50 %.1f us, p99 %.1f us;"
                    + " outage p50 %.1f us, p99 %.1f us; max during outage %.1f us%n",
                protocol, healthy.length, quantileMicros(healthy, 0.5), healthyP99,
                quantileMicros(outage, 0.5), outageP99, quantileMicros(outage, 1.0));
            assertThat(outageP99).as("p99 record latency during the outage (us) vs 2x healthy + slack")
                .isLessThanOrEqualTo(2 * healthyP99 + SLACK_MICROS);

            // Back on the same ports, about 1.5 s after the outage began.
            Reliability.sleep(Math.max(0, 1500 - millisSince(outageStart)));
            restarted = OtlpReceiver.start(receiver.grpcPort(), receiver.httpPort());
            long restartedAt = millisSince(outageStart);
            OtlpReceiver back = restarted;
            awaitHealth(client, h -> queued(h) == 0 && buffered(h) == 0, WAIT, "the queued and buffered records to be delivered");
            System.out.printf(java.util.Locale.ROOT, "[reliability] %s outage timeline: stop took %d ms, receiver back"
                + " after %d ms, queue delivered after %d ms%n", protocol, stopMillis, restartedAt, millisSince(outageStart));
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            long total = WARMUP + TIMED + TIMED + EXTRA;
            back.awaitMetric("outage.counter", m -> m.sumValue() == total, WAIT);

            HealthStatus after = client.health();
            si = 0;
            for (SignalType s : new SignalType[] {SignalType.TRACES, SignalType.LOGS}) {
                SignalHealth a = after.signals().get(s);
                SignalHealth b = before.signals().get(s);
                assertThat(a.queued()).as(s + " queued").isZero();
                assertThat(a.buffered()).as(s + " buffered").isZero();
                assertThat(a.failed()).as(s + " failed").isZero();
                assertThat(a.dropped() - b.dropped()).as(s + " dropped: only at admission, during the outage")
                    .isEqualTo(droppedDuring[si]);
                assertThat(a.exported() - b.exported()).as(s + " exported after the restart")
                    .isEqualTo(made - droppedDuring[si++]);
                assertThat(a.recorded()).as(s + ": recorded = exported + dropped + failed")
                    .isEqualTo(a.exported() + a.dropped() + a.failed());
            }
            // What the health says was exported is exactly what the receivers decoded.
            assertThat((long) back.spans().size()).isEqualTo(made - droppedDuring[0]);
            assertThat((long) back.logs().size()).isEqualTo(made - droppedDuring[1]);
            assertThat((long) spansBefore + back.spans().size()).isEqualTo(after.signals().get(SignalType.TRACES).exported());
            assertThat((long) logsBefore + back.logs().size()).isEqualTo(after.signals().get(SignalType.LOGS).exported());
            SignalHealth metrics = after.signals().get(SignalType.METRICS);
            assertThat(metrics.recorded()).isEqualTo(metrics.exported() + metrics.failed() + metrics.dropped());
            assertThat(metrics.dropped()).isZero();
            // Cumulative metrics lose nothing over an outage: the counter has every increment.
            assertThat(back.metrics().stream().filter(m -> m.name().equals("outage.counter"))
                .mapToDouble(m -> m.sumValue()).max().orElse(0)).isEqualTo(total);
            // The outage was seen (the last error stays on record) and is over: no longer failing.
            // Records dropped at admission keep the state DEGRADED for ExportHealth.UNHEALTHY_AFTER
            // (whether the queue overflowed depends on how fast the retry buffer drained it).
            boolean droppedAny = droppedDuring[0] + droppedDuring[1] > 0;
            assertThat(after.status()).as("state after the outage, dropped during it: " + droppedAny)
                .isEqualTo(droppedAny ? HealthStatus.State.DEGRADED : HealthStatus.State.HEALTHY);
            assertThat(after.lastError()).hasValueSatisfying(e -> assertThat(e).contains("ConnectException"));
            assertThat(after.toString()).doesNotContain(Reliability.SECRET);
            System.out.printf(java.util.Locale.ROOT, "[reliability] %s outage: %s%n", protocol, after.signals());
        } finally {
            client.shutdown(Duration.ofSeconds(5));
            receiver.stop();
            if (restarted != null) {
                restarted.stop();
            }
        }
    }

    private static long buffered(HealthStatus h) {
        return h.signals().get(SignalType.TRACES).buffered() + h.signals().get(SignalType.LOGS).buffered();
    }

    private static long queued(HealthStatus h) {
        return h.signals().get(SignalType.TRACES).queued() + h.signals().get(SignalType.LOGS).queued();
    }

    /** {@code n} rounds of a span, a log, a gauge and a counter; the duration of every single call. */
    static long[] record(TelemetryClient client, String phase, int n) {
        long[] nanos = new long[n * 5];
        Map<String, Object> attributes = Map.of("phase", phase);
        int k = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            String id = client.startSpan("outage.span", io.telemetryflow.sdk.domain.SpanKind.INTERNAL, attributes);
            long t1 = System.nanoTime();
            client.endSpan(id);
            long t2 = System.nanoTime();
            client.logInfo("outage-log-" + phase + "-" + i, attributes);
            long t3 = System.nanoTime();
            client.recordGauge("outage.gauge", i, attributes);
            long t4 = System.nanoTime();
            client.incrementCounter("outage.counter", 1);
            long t5 = System.nanoTime();
            nanos[k++] = t1 - t0;
            nanos[k++] = t2 - t1;
            nanos[k++] = t3 - t2;
            nanos[k++] = t4 - t3;
            nanos[k++] = t5 - t4;
        }
        return nanos;
    }
}
