package io.telemetryflow.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.sdk.SdkTestClients;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.reliability.LogCapture;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An active registered {@link ExporterSource} takes the place of OTLP under the whole pipeline (what
 * bench/ relies on for its discarding floor); an inactive one, as on every other test's class path, changes nothing.
 */
class ExporterSourceTest {

    @AfterEach
    void off() {
        SubstituteExporters.on = false;
        SubstituteExporters.SPANS.clear();
        SubstituteExporters.LOGS.clear();
    }

    @Test
    void anActiveSubstituteReceivesWhatThePipelineExportsAndIsNamedInTheLog() {
        LogCapture log = LogCapture.start();
        SubstituteExporters.on = true;
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = SdkTestClients.grpcClient(receiver);
            try {
                client.endSpan(client.startSpan("substituted", null, Map.of("k", "v")));
                client.logInfo("substituted log", Map.of());
                assertThat(client.flush()).isTrue();
                assertThat(SubstituteExporters.SPANS).extracting(SpanData::getName).containsExactly("substituted");
                assertThat(SubstituteExporters.LOGS).hasSize(1);
                SignalHealth traces = client.health().signals().get(SignalType.TRACES);
                assertThat(traces.exported()).as("the health accounting runs over the substitute").isEqualTo(1);
                assertThat(traces.recorded()).isEqualTo(1);
            } finally {
                client.shutdown();
            }
            assertThat(receiver.spans()).as("nothing sent over OTLP").isEmpty();
            assertThat(receiver.logs()).isEmpty();
        } finally {
            log.close();
        }
        assertThat(log.records()).filteredOn(r -> r.getLevel() == Level.WARNING).extracting(LogRecord::getMessage)
            .anyMatch(m -> m.contains("exporters substituted by"));
    }

    @Test
    void anInactiveSubstituteLeavesOtlp() {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = SdkTestClients.grpcClient(receiver);
            try {
                client.endSpan(client.startSpan("over-otlp"));
                assertThat(client.flush()).isTrue();
                assertThat(receiver.awaitSpan("over-otlp", SdkTestClients.WAIT)).isNotNull();
                assertThat(SubstituteExporters.SPANS).isEmpty();
            } finally {
                client.shutdown();
            }
        }
    }
}
