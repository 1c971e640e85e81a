package io.telemetryflow.sdk.reliability;

import static io.telemetryflow.sdk.reliability.Reliability.awaitHealth;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedSpan;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing lost in a short outage (issue 14): spans and logs whose export failed while the backend
 * was down are kept in the retry buffer and delivered when it is back — the case that lost 100 of 100
 * spans and logs before — and a full buffer drops exactly its oldest items, counted.
 */
class RetryBufferTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aShortOutageLosesNothing(Protocol protocol) {
        OtlpReceiver receiver = OtlpReceiver.start();
        OtlpReceiver back = null;
        // The settings: retry(true, 4, 1 s), 200 ms batches; the backend returns 1.5 s later.
        TelemetryClient client = Reliability.builder(protocol, receiver)
            .retry(true, 4, Duration.ofSeconds(1)).batch(Duration.ofMillis(200), 512).build().initialize();
        try {
            receiver.stop();
            long down = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                client.endSpan(client.startSpan("outage-span-" + i));
                client.logInfo("outage-log-" + i, Map.of("i", i));
                client.incrementCounter("outage.counter", 1);
            }
            awaitHealth(client, h -> h.signals().get(SignalType.TRACES).buffered() == 100
                && h.signals().get(SignalType.LOGS).buffered() == 100, Duration.ofSeconds(10), "all kept for retry");
            Reliability.sleep(Math.max(0, 1500 - (System.nanoTime() - down) / 1_000_000)); // the outage lasts 1.5 s
            back = OtlpReceiver.start(receiver.grpcPort(), receiver.httpPort());
            assertThat(client.flush(WAIT)).as("flush once the backend is back").isTrue();
            back.awaitSpans(100, WAIT);
            OtlpReceiver arrived = back;
            back.awaitLog(l -> arrived.logs().size() == 100, WAIT);
            back.awaitMetric("outage.counter", m -> m.sumValue() == 100, WAIT);
            assertThat(back.spans()).extracting(ReceivedSpan::name)
                .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "outage-span-" + i).toList());
            for (SignalType s : new SignalType[] {SignalType.TRACES, SignalType.LOGS}) {
                SignalHealth h = client.health().signals().get(s);
                assertThat(h.exported()).as(s + " exported").isEqualTo(100);
                assertThat(h.failed() + h.dropped() + h.queued() + h.buffered()).as(s + " lost or pending").isZero();
                assertThat(h.balanced()).isTrue();
            }
        } finally {
            client.shutdown(Duration.ofSeconds(5));
            receiver.stop();
            if (back != null) {
                back.stop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aFullBufferDropsExactlyItsOldestItems(Protocol protocol) {
        OtlpReceiver receiver = OtlpReceiver.start();
        OtlpReceiver back = null;
        TelemetryClient client = Reliability.builder(protocol, receiver).signals(false, false, true)
            .retry(true, 1, Duration.ofMillis(200)).retryBuffer(50, 1 << 24)
            .batch(Duration.ofMillis(50), 10).build().initialize();
        try {
            receiver.stop();
            for (int i = 0; i < 80; i++) { // N = 50 overflowed by M = 30
                client.endSpan(client.startSpan("span-" + i));
                if (i % 10 == 9) {
                    client.flush(Duration.ofMillis(300)); // batches of 10 in order
                }
            }
            awaitHealth(client, h -> h.signals().get(SignalType.TRACES).buffered()
                    + h.signals().get(SignalType.TRACES).dropped() == 80, Duration.ofSeconds(20), "80 spans kept or dropped");
            SignalHealth during = client.health().signals().get(SignalType.TRACES);
            assertThat(during.buffered()).isEqualTo(50);
            assertThat(during.dropped()).isEqualTo(30);
            back = OtlpReceiver.start(receiver.grpcPort(), receiver.httpPort());
            assertThat(client.flush(WAIT)).isTrue();
            List<String> names = back.awaitSpans(50, WAIT).stream().map(ReceivedSpan::name).toList();
            assertThat(names).as("the newest 50, in order").containsExactlyElementsOf(
                IntStream.range(30, 80).mapToObj(i -> "span-" + i).toList());
            SignalHealth after = client.health().signals().get(SignalType.TRACES);
            assertThat(after.exported()).isEqualTo(50);
            assertThat(after.dropped()).isEqualTo(30);
            assertThat(after.buffered()).isZero();
            assertThat(after.balanced()).isTrue();
        } finally {
            client.shutdown(Duration.ofSeconds(5));
            receiver.stop();
            if (back != null) {
                back.stop();
            }
        }
    }

    /** The acceptance case: defaults, backend down 60 s, 5 000 spans + 5 000 logs recorded meanwhile. */
    @org.junit.jupiter.api.Test
    void aMinuteLongOutageWithDefaultSettingsLosesNothing() {
        OtlpReceiver receiver = OtlpReceiver.start();
        OtlpReceiver back = null;
        TelemetryClient client = TelemetryClient.builder().apiKey("tfk_outage_test", Reliability.SECRET)
            .endpoint(receiver.grpcEndpoint()).insecure(true).service("outage-60s", "1.0").build().initialize();
        try {
            long[] healthy = OutageTest.record(client, "healthy", 1000);
            assertThat(client.flush(WAIT)).isTrue();
            long exportedBefore = client.health().signals().get(SignalType.TRACES).exported();
            receiver.stop();
            long down = System.nanoTime();
            long[] outage = new long[0];
            for (int round = 0; round < 10; round++) { // 500 spans + 500 logs every ~6 s
                long[] part = OutageTest.record(client, "outage", 500);
                long[] merged = java.util.Arrays.copyOf(outage, outage.length + part.length);
                System.arraycopy(part, 0, merged, outage.length, part.length);
                outage = merged;
                Reliability.sleep(Math.max(0, (round + 1) * 6000L - (System.nanoTime() - down) / 1_000_000));
            }
            back = OtlpReceiver.start(receiver.grpcPort(), receiver.httpPort());
            long backAt = (System.nanoTime() - down) / 1_000_000;
            assertThat(client.flush(Duration.ofSeconds(90))).as("delivered after the outage").isTrue();
            long deliveredAt = (System.nanoTime() - down) / 1_000_000;
            System.out.printf(java.util.Locale.ROOT, "[reliability] 60 s outage, defaults: record-call p99 healthy %.1f us,"
                + " during the outage %.1f us; backend back after %d ms, everything delivered after %d ms; %s%n",
                Reliability.quantileMicros(healthy, 0.99), Reliability.quantileMicros(outage, 0.99), backAt, deliveredAt,
                client.health().signals());
            for (SignalType s : new SignalType[] {SignalType.TRACES, SignalType.LOGS}) {
                SignalHealth h = client.health().signals().get(s);
                assertThat(h.failed() + h.dropped() + h.queued() + h.buffered()).as(s + " lost or pending: " + h).isZero();
                assertThat(h.balanced()).isTrue();
            }
            assertThat(client.health().signals().get(SignalType.TRACES).exported() - exportedBefore).isEqualTo(5000);
            assertThat(back.spans()).hasSize(5000);
            assertThat(back.logs()).hasSize(5000);
        } finally {
            client.shutdown(Duration.ofSeconds(5));
            receiver.stop();
            if (back != null) {
                back.stop();
            }
        }
    }
}
