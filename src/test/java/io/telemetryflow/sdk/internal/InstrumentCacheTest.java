package io.telemetryflow.sdk.internal;

import static io.telemetryflow.sdk.SdkTestClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.metrics.v1.Metric;
import io.telemetryflow.sdk.SdkTestClients;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedMetric;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Instruments are created once per name, however often they are recorded. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InstrumentCacheTest {

    private static final int N = 100_000;

    private OtlpReceiver receiver;
    private TelemetryClient client;

    @BeforeEach
    void start() {
        receiver = OtlpReceiver.start();
        client = SdkTestClients.grpcClient(receiver);
    }

    @AfterEach
    void stop() {
        client.shutdown();
        receiver.stop();
    }

    @Test
    void recordingTheSameCounterAndGauge100kTimesCreatesTwoInstruments() {
        InstrumentCache cache = ClientInternals.runtime(client).instruments();
        client.incrementCounter("jobs.processed");
        client.recordGauge("jobs.backlog", 0);
        assertThat(cache.instrumentCount()).isEqualTo(2);

        for (int i = 1; i < N; i++) {
            client.incrementCounter("jobs.processed");
            client.recordGauge("jobs.backlog", i);
            if (i % 10_000 == 0) {
                assertThat(cache.instrumentCount()).as("after %d records", i).isEqualTo(2);
            }
        }
        assertThat(cache.instrumentCount()).isEqualTo(2);
        assertThat(cache.rejectedCount()).isZero();
        assertThat(client.flush()).isTrue();

        ReceivedMetric counter = receiver.awaitMetric("jobs.processed", m -> m.sumValue() == N, WAIT);
        assertThat(counter.type()).isEqualTo(Metric.DataCase.SUM);
        assertThat(counter.dataPointAttributes()).containsExactly(Map.of());
        ReceivedMetric gauge = receiver.awaitMetric("jobs.backlog", m -> m.gaugeValue() == N - 1, WAIT);
        assertThat(gauge.type()).isEqualTo(Metric.DataCase.GAUGE);
        assertThat(gauge.dataPointAttributes()).containsExactly(Map.of());

        // one metric of each name per export: no duplicate instruments (and no gauge callbacks) behind them
        List<ReceivedMetric> last = receiver.metrics().stream()
            .filter(m -> m.export() == counter.export()).toList();
        assertThat(last).extracting(ReceivedMetric::name).containsOnlyOnce("jobs.processed", "jobs.backlog");
        assertThat(cache.instrumentCount()).isEqualTo(2);
    }

    @Test
    void differentAttributesShareOneInstrumentAndHistogramsAreCachedToo() {
        InstrumentCache cache = ClientInternals.runtime(client).instruments();
        for (int i = 0; i < 1_000; i++) {
            client.incrementCounter("requests", 1, Map.of("status", i % 2 == 0 ? "ok" : "error"));
            client.recordHistogram("latency", i, "ms");
            client.recordMetric("temperature", i, "Cel");
        }
        assertThat(cache.instrumentCount()).isEqualTo(3);
        assertThat(client.flush()).isTrue();
        receiver.awaitMetric("requests",
            m -> m.sumValue(Map.of("status", "ok")) == 500 && m.sumValue(Map.of("status", "error")) == 500, WAIT);
        assertThat(receiver.awaitMetric("latency", m -> m.histogramCount() == 1_000, WAIT).unit()).isEqualTo("ms");
        assertThat(receiver.awaitMetric("temperature", m -> m.gaugeValue() == 999, WAIT).unit()).isEqualTo("Cel");
    }

    @Test
    void cacheReturnsTheSameInstrumentForTheSameName() {
        InstrumentCache cache = ClientInternals.runtime(client).instruments();
        assertThat(cache.counter("c")).isSameAs(cache.counter("c"));
        assertThat(cache.gauge("g", "")).isSameAs(cache.gauge("g", ""));
        assertThat(cache.histogram("h", "s", null)).isSameAs(cache.histogram("h", "s", null));
        assertThat(cache.instrumentCount()).isEqualTo(3);
    }
}
