package io.telemetryflow.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedMetric;
import io.telemetryflow.sdk.domain.HistogramAggregation;
import io.telemetryflow.sdk.domain.HistogramBuckets;
import io.telemetryflow.sdk.domain.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Histogram buckets that dashboards can use, asserted on what the receiver decoded. */
class HistogramBucketsTest {

    private OtlpReceiver receiver;
    private TelemetryClient client;

    @BeforeEach
    void start() {
        receiver = OtlpReceiver.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.shutdown();
        }
        receiver.stop();
    }

    private void client(Consumer<io.telemetryflow.sdk.domain.TelemetryConfigBuilder> options) {
        client = SdkTestClients.builder(receiver, Protocol.GRPC).configure(options).build().initialize();
    }

    @Test
    void secondsGetTheSemanticConventionBoundariesSoTypicalLatenciesFallIntoDifferentBuckets() {
        client(c -> { });
        for (double seconds : new double[] {0.003, 0.020, 0.070, 0.200, 0.900}) {
            client.recordHistogram("checkout.duration", seconds, "s");
        }
        assertThat(client.flush()).isTrue();
        HistogramDataPoint p = receiver.awaitMetric("checkout.duration", m -> m.histogramCount() == 5,
            SdkTestClients.WAIT).histogramPoint(Map.of());

        assertThat(p.getExplicitBoundsList()).containsExactlyElementsOf(HistogramBuckets.SECONDS);
        assertThat(nonEmptyBuckets(p)).as("bucket index of each value").hasSize(5);
    }

    @Test
    void configuredBoundariesWinPerHistogramName() {
        client(c -> c.histogramBuckets("order.value", List.of(1.0, 10.0, 100.0))
            .histogramBuckets("checkout.duration", List.of(0.5)));
        client.recordHistogram("order.value", 7, "USD");
        client.recordHistogram("order.value", 70, "USD");
        client.recordHistogram("checkout.duration", 0.2, "s"); // a view wins over the seconds advice
        assertThat(client.flush()).isTrue();

        HistogramDataPoint value = receiver.awaitMetric("order.value", m -> m.histogramCount() == 2,
            SdkTestClients.WAIT).histogramPoint(Map.of());
        assertThat(value.getExplicitBoundsList()).containsExactly(1.0, 10.0, 100.0);
        assertThat(value.getBucketCountsList()).containsExactly(0L, 1L, 1L, 0L);
        assertThat(receiver.awaitMetric("checkout.duration", SdkTestClients.WAIT).histogramPoint(Map.of())
            .getExplicitBoundsList()).containsExactly(0.5);
    }

    @Test
    void base2ExponentialAggregationOnRequest() {
        client(c -> c.histogramAggregation(HistogramAggregation.BASE2_EXPONENTIAL));
        client.recordHistogram("checkout.duration", 0.02, "s");
        client.recordHistogram("checkout.duration", 0.9, "s");
        assertThat(client.flush()).isTrue();

        ReceivedMetric m = receiver.awaitMetric("checkout.duration", SdkTestClients.WAIT);
        assertThat(m.type()).isEqualTo(Metric.DataCase.EXPONENTIAL_HISTOGRAM);
        assertThat(m.metric().getExponentialHistogram().getDataPoints(0).getCount()).isEqualTo(2);
    }

    @Test
    void otherUnitsKeepOpenTelemetryDefaults() {
        client(c -> { });
        client.recordHistogram("payload.size", 300, "By");
        assertThat(client.flush()).isTrue();
        assertThat(receiver.awaitMetric("payload.size", SdkTestClients.WAIT).histogramPoint(Map.of())
            .getExplicitBoundsList()).startsWith(0.0, 5.0, 10.0, 25.0).endsWith(10000.0);
    }

    private static List<Integer> nonEmptyBuckets(HistogramDataPoint p) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < p.getBucketCountsCount(); i++) {
            if (p.getBucketCounts(i) > 0) {
                indexes.add(i);
            }
        }
        return indexes;
    }
}
