package io.telemetryflow.sdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A refused record call: nothing thrown, nothing recorded, counted as rejected, its cause logged once. */
class RejectedRecordsTest {

    @Test
    void eachCauseIsLoggedOnceAndEveryCallCounted() {
        try (OtlpReceiver receiver = OtlpReceiver.start(); LogCapture log = LogCapture.start()) {
            TelemetryClient client = Reliability.builder(Protocol.GRPC, receiver).build().initialize();
            try {
                for (int i = 0; i < 3; i++) {
                    client.incrementCounter(" ", 1);
                    client.recordGauge("queue.depth", Double.NaN);
                    client.logInfo(null);
                    client.endSpan("0123456789abcdef");
                }
                SignalHealth metrics = client.health().signals().get(SignalType.METRICS);
                assertThat(metrics.rejected()).isEqualTo(6);
                assertThat(metrics.recorded()).isZero();
                assertThat(client.health().signals().get(SignalType.LOGS).rejected()).isEqualTo(3);
                assertThat(client.health().signals().get(SignalType.TRACES).rejected()).isEqualTo(3);

                List<String> lines = log.warningsOf("io.telemetryflow").stream().map(log::text)
                    .filter(t -> t.contains("was rejected")).toList();
                assertThat(lines).as("one line per cause").hasSize(4);
                assertThat(String.join("\n", lines)).contains("counter name", "finite", "message", "no open span")
                    .doesNotContain(Reliability.SECRET);
            } finally {
                client.shutdown(Duration.ofSeconds(5));
            }
        }
    }
}
