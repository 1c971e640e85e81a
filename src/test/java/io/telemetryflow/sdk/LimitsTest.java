package io.telemetryflow.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedLog;
import io.telemetryflow.devbackend.ReceivedMetric;
import io.telemetryflow.devbackend.ReceivedSpan;
import io.telemetryflow.sdk.domain.Protocol;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Limits that keep one oversized record from breaking a batch, as the receiver decodes them. */
class LimitsTest {

    @Test
    void defaultsCapAttributesValuesAndLogBodies() {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC).build().initialize();
            try {
                Map<String, Object> wide = new HashMap<>();
                for (int i = 0; i < 200; i++) {
                    wide.put("k" + i, i);
                }
                client.endSpan(client.startSpan("wide", null, wide));
                client.endSpan(client.startSpan("long", null, Map.of("sql", "x".repeat(10_000))));
                client.logInfo("y".repeat(100_000));
                assertThat(client.flush()).isTrue();

                ReceivedSpan span = receiver.awaitSpan("wide", SdkTestClients.WAIT);
                assertThat(span.attributes()).hasSize(128);
                assertThat(span.span().getDroppedAttributesCount()).as("counted in OTLP").isEqualTo(72);
                assertThat((String) receiver.awaitSpan("long", SdkTestClients.WAIT).attributes().get("sql")).hasSize(8192);
                ReceivedLog log = receiver.awaitLog(l -> l.body().startsWith("yyy"), SdkTestClients.WAIT);
                assertThat(log.body()).startsWith("y".repeat(65_536)).doesNotStartWith("y".repeat(65_537))
                    .endsWith("[34464 characters truncated by telemetryflow.limits.log-body-length]");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void theCardinalityLimitFoldsNewSeriesIntoTheOverflowPoint() {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC)
                .configure(c -> c.cardinalityLimit(10)).build().initialize();
            try {
                for (int i = 0; i < 25; i++) {
                    client.incrementCounter("orders.by.customer", 1, Map.of("customer", "c" + i));
                }
                assertThat(client.flush()).isTrue();
                ReceivedMetric m = receiver.awaitMetric("orders.by.customer", SdkTestClients.WAIT);
                assertThat(m.dataPointAttributes()).hasSize(10);
                assertThat(m.sumValue(Map.of("otel.metric.overflow", true))).as("the overflow series").isEqualTo(16.0);
            } finally {
                client.shutdown();
            }
        }
    }
}
