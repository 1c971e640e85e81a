package io.telemetryflow.sdk.reliability;

import io.telemetryflow.sdk.internal.ClientInternals;

import static io.telemetryflow.sdk.reliability.Reliability.WAIT;
import static io.telemetryflow.sdk.reliability.Reliability.heapAfterGc;
import static io.telemetryflow.sdk.reliability.Reliability.mb;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedMetric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing grows without bound: 10 million gauge records over 100 series keep 100 series (the heap
 * after GC stays flat), and 1 million {@code startSpan} without {@code endSpan} keep at most
 * {@code spans.max-open} spans (the rest dropped and counted; the heap after GC stays flat).
 *
 * <p>The export interval is one hour, so the measured heap is the SDK's own state, not a pile of
 * exports held by the in-JVM test receiver; one flush at the end proves what is exported.
 * Sizes can be changed with {@code -Dtf.reliability.gauges=N} and {@code -Dtf.reliability.spans=N}.
 * The figures are printed for quoting.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MemoryTest {

    private static final long GAUGES = Long.getLong("tf.reliability.gauges", 10_000_000L);
    private static final long SPANS = Long.getLong("tf.reliability.spans", 1_000_000L);
    private static final int SERIES = 100;
    private static final int MAX_OPEN = 10_000;
    /**
     * Allowed growth of the heap after GC from the first checkpoint (after 10 % of the records,
     * when every series / the whole span registry exists) to the last. The live state is a few MB;
     * a leak of even 8 bytes per record would show as 70+ MB.
     */
    private static final long BOUND = 8L * 1024 * 1024;

    private OtlpReceiver receiver;
    private TelemetryClient client;

    @BeforeEach
    void start() {
        receiver = OtlpReceiver.start();
        client = Reliability.builder(Protocol.GRPC, receiver)
            .batch(Duration.ofHours(1), 512)
            .maxOpenSpans(MAX_OPEN)
            .build().initialize();
    }

    @AfterEach
    void stop() {
        client.shutdown(Duration.ofSeconds(5));
        receiver.stop();
    }

    @Test
    void tenMillionGaugeRecordsOverAHundredSeriesKeepTheHeapFlat() {
        List<Map<String, Object>> series = new ArrayList<>();
        for (int i = 0; i < SERIES; i++) {
            series.add(Map.of("series", "s" + i, "host", "h" + (i % 10)));
        }
        long[] checkpoints = {GAUGES / 10, GAUGES * 4 / 10, GAUGES * 7 / 10, GAUGES};
        long[] heap = new long[checkpoints.length];
        long done = 0;
        long start = System.nanoTime();
        for (int c = 0; c < checkpoints.length; c++) {
            for (; done < checkpoints[c]; done++) {
                client.recordGauge("memory.gauge", done, series.get((int) (done % SERIES)));
            }
            heap[c] = heapAfterGc();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long growth = max(heap) - heap[0];
        System.out.printf(java.util.Locale.ROOT, "[reliability] memory: %,d gauge records over %d series in %,d ms"
            + " (%.0f records/s); heap after GC at %s records: %s; growth after the first checkpoint %s (bound %s)%n",
            GAUGES, SERIES, millis, GAUGES * 1000.0 / Math.max(1, millis), java.util.Arrays.toString(checkpoints),
            java.util.Arrays.stream(heap).mapToObj(Reliability::mb).toList(), mb(growth), mb(BOUND));

        assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
        ReceivedMetric gauge = receiver.awaitMetric("memory.gauge", WAIT);
        assertThat(gauge.dataPointAttributes()).as("series exported").hasSize(SERIES);
        assertThat(growth).as("heap growth over %,d gauge records", GAUGES).isLessThan(BOUND);
    }

    @Test
    void oneMillionStartSpanWithoutEndSpanKeepTheHeapFlat() {
        long[] checkpoints = {SPANS / 10, SPANS * 4 / 10, SPANS * 7 / 10, SPANS};
        long[] heap = new long[checkpoints.length];
        Map<String, Object> attributes = Map.of("leak", "forgotten endSpan", "n", 42);
        long done = 0;
        long start = System.nanoTime();
        for (int c = 0; c < checkpoints.length; c++) {
            for (; done < checkpoints[c]; done++) {
                client.startSpan("memory.never-ended", io.telemetryflow.sdk.domain.SpanKind.INTERNAL, attributes);
            }
            heap[c] = heapAfterGc();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long growth = max(heap) - heap[0];
        HealthStatus health = client.health();
        long dropped = health.signals().get(SignalType.TRACES).dropped();
        System.out.printf(java.util.Locale.ROOT, "[reliability] memory: %,d startSpan without endSpan in %,d ms;"
            + " open spans kept %,d (cap %,d), dropped+counted %,d; heap after GC at %s spans: %s;"
            + " growth after the first checkpoint %s (bound %s)%n",
            SPANS, millis, ClientInternals.runtime(client).spanRegistry().size(), MAX_OPEN, dropped,
            java.util.Arrays.toString(checkpoints), java.util.Arrays.stream(heap).mapToObj(Reliability::mb).toList(),
            mb(growth), mb(BOUND));

        assertThat(ClientInternals.runtime(client).spanRegistry().size()).isEqualTo(MAX_OPEN);
        assertThat(dropped).isEqualTo(SPANS - MAX_OPEN);
        assertThat(health.status()).isEqualTo(HealthStatus.State.DEGRADED);
        assertThat(growth).as("heap growth over %,d never-ended spans", SPANS).isLessThan(BOUND);
    }

    private static long max(long[] values) {
        return java.util.Arrays.stream(values).max().orElse(0);
    }
}
