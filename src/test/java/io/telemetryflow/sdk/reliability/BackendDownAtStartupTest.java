package io.telemetryflow.sdk.reliability;

import static io.telemetryflow.sdk.reliability.Reliability.WAIT;
import static io.telemetryflow.sdk.reliability.Reliability.awaitHealth;
import static io.telemetryflow.sdk.reliability.Reliability.millisSince;
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
 * No collector when the application starts: {@code initialize()} returns at once, record calls
 * return at once, and once the collector is up the queued data is delivered by the exporter's
 * retry with backoff (as configured), with nothing lost or counted twice.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackendDownAtStartupTest {

    private static final int N = 300;

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void applicationStartsWithoutBackendAndQueuedDataArrivesOnceItIsUp(Protocol protocol) {
        // Two free ports: bound once by a receiver, then released.
        OtlpReceiver probe = OtlpReceiver.start();
        probe.stop();
        int grpcPort = probe.grpcPort();
        int httpPort = probe.httpPort();
        OtlpReceiver receiver = null;

        long t0 = System.nanoTime();
        TelemetryClient client = Reliability.builder(protocol, protocol == Protocol.GRPC ? grpcPort : httpPort)
            .timeout(Duration.ofSeconds(10))
            .retry(true, 4, Duration.ofMillis(500))
            .batch(Duration.ofMillis(200), 512)
            .build().initialize();
        long initMillis = millisSince(t0);
        try {
            assertThat(client.isInitialized()).isTrue();
            // Bound for a cold JVM on a busy 2-core box (class loading of the SDK happens here); no
            // connection is attempted during initialize().
            assertThat(initMillis).as("initialize() with no backend, ms").isLessThan(3000);

            long start = System.nanoTime();
            long slowest = 0;
            for (int i = 0; i < N; i++) {
                long c = System.nanoTime();
                client.endSpan(client.startSpan("startup.span"));
                client.logWarn("startup-log-" + i, Map.of("i", i));
                client.incrementCounter("startup.counter", 1);
                slowest = Math.max(slowest, System.nanoTime() - c);
            }
            long recordMillis = millisSince(start);
            System.out.printf(java.util.Locale.ROOT, "[reliability] %s backend down at startup: initialize() %d ms,"
                + " %d record rounds in %d ms (slowest round %.2f ms)%n",
                protocol, initMillis, N, recordMillis, slowest / 1e6);
            // Generous bounds (noisy CI): the point is "no connect timeout, no retry backoff on the caller".
            assertThat(recordMillis).as("all record calls, ms").isLessThan(2000);
            assertThat(slowest / 1_000_000).as("slowest round, ms").isLessThan(500);

            Reliability.sleep(800); // the first exports fail and go into backoff
            assertThat(client.health().signals().get(SignalType.TRACES).exported()).isZero();

            receiver = OtlpReceiver.start(grpcPort, httpPort);
            OtlpReceiver up = receiver;
            awaitHealth(client, h -> h.signals().get(SignalType.TRACES).queued() == 0
                && h.signals().get(SignalType.LOGS).queued() == 0, WAIT, "queued spans and logs to be delivered");
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            up.awaitMetric("startup.counter", m -> m.sumValue() == N, WAIT);

            assertThat(up.spans()).hasSize(N);
            assertThat(up.logs()).hasSize(N);
            HealthStatus health = client.health();
            for (SignalType s : new SignalType[] {SignalType.TRACES, SignalType.LOGS}) {
                SignalHealth h = health.signals().get(s);
                assertThat(h.recorded()).as(s + " recorded").isEqualTo(N);
                assertThat(h.exported()).as(s + " exported").isEqualTo(N);
                assertThat(h.failed() + h.dropped() + h.queued()).as(s + " lost").isZero();
            }
            assertThat(health.status()).isEqualTo(HealthStatus.State.HEALTHY);
            assertThat(health.lastSuccessfulExport()).isPresent();
        } finally {
            client.shutdown(Duration.ofSeconds(5));
            if (receiver != null) {
                receiver.stop();
            }
        }
    }
}
