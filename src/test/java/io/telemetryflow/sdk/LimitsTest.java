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

    /**
     * What the limits cut is counted in {@code health().truncated}, per signal, once per value or element: a value
     * one character over the limit is cut to it, one exactly at the limit is not; attributes beyond the count,
     * event attributes, string-array elements and a cut log body are counted too.
     */
    @Test
    void whatTheLimitsCutIsCountedInHealth() {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC)
                .configure(c -> c.limits(5, 16, 2, 128, 64)).build().initialize();
            try {
                Map<String, Object> attributes = new java.util.LinkedHashMap<>();
                attributes.put("at", "a".repeat(16));            // at the limit: kept whole
                attributes.put("over", "b".repeat(17));          // one over: cut (1)
                attributes.put("list", java.util.List.of("c".repeat(40), "short")); // one element cut (1)
                attributes.put("n", 1L);
                Map<String, Object> wide = new HashMap<>();
                for (int i = 0; i < 7; i++) {
                    wide.put("k" + i, (long) i);                 // two beyond the count of 5: dropped (2)
                }
                client.endSpan(client.startSpan("wide", null, wide));
                String id = client.startSpan("limited", null, attributes);
                client.addSpanEvent(id, "e1", Map.of("v", "d".repeat(100)));  // event attribute cut (1)
                client.addSpanEvent(id, "e2", Map.of());
                client.addSpanEvent(id, "e3", Map.of());                      // third event: dropped (1)
                client.endSpan(id);
                client.logInfo("z".repeat(200), Map.of("w", "e".repeat(17))); // body cut (1), attribute cut (1)
                client.logInfo("fits", Map.of("w", "f".repeat(16)));
                assertThat(client.flush()).isTrue();

                ReceivedSpan span = receiver.awaitSpan("limited", SdkTestClients.WAIT);
                assertThat(span.attributes()).containsEntry("at", "a".repeat(16)).containsEntry("over", "b".repeat(16))
                    .containsEntry("list", java.util.List.of("c".repeat(16), "short")).hasSize(4);
                assertThat(receiver.awaitSpan("wide", SdkTestClients.WAIT).attributes()).hasSize(5);
                assertThat(span.events()).hasSize(2);
                assertThat(span.events().get(0).getAttributes(0).getValue().getStringValue()).isEqualTo("d".repeat(16));
                ReceivedLog cut = receiver.awaitLog(l -> l.body().startsWith("zzz"), SdkTestClients.WAIT);
                assertThat(cut.attributes()).containsEntry("w", "e".repeat(16));
                receiver.awaitLog("fits", SdkTestClients.WAIT);

                var health = client.health().signals();
                assertThat(health.get(io.telemetryflow.sdk.domain.SignalType.TRACES).truncated())
                    .as("spans: value, array element, event attribute, event over the count, two attributes over the count")
                    .isEqualTo(6);
                assertThat(health.get(io.telemetryflow.sdk.domain.SignalType.LOGS).truncated()).as("log: body, attribute")
                    .isEqualTo(2);
                assertThat(health.get(io.telemetryflow.sdk.domain.SignalType.TRACES).balanced()).isTrue();
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
