package io.telemetryflow.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.sdk.TelemetryClient;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/** The {@code @Readiness} check {@code telemetryflow} on Weld SE: DOWN while exports fail, UP when they work again. */
class ReadinessCheckTest {

    @Test
    void readinessFollowsTheBackend() {
        OtlpReceiver receiver = OtlpReceiver.start();
        int grpcPort = receiver.grpcPort();
        int httpPort = receiver.httpPort();
        try (CdiTestSupport cdi = CdiTestSupport.start(receiver, Map.of("telemetryflow.timeout", "2s",
            "telemetryflow.retry.enabled", "false"))) {
            TelemetryClient client = cdi.get(TelemetryClient.class);
            HealthCheck check = cdi.get(HealthCheck.class, Readiness.Literal.INSTANCE);

            client.logInfo("before");
            assertThat(client.flush()).isTrue();
            HealthCheckResponse up = check.call();
            // SmallRye Health, a real MicroProfile Health implementation, finds the check and reports it
            io.smallrye.health.SmallRyeHealth ready = cdi.get(io.smallrye.health.SmallRyeHealthReporter.class).getReadiness();
            assertThat(ready.getPayload().toString()).contains("\"telemetryflow\"");
            assertThat(ready.isDown()).isFalse();
            assertThat(up.getName()).isEqualTo("telemetryflow");
            assertThat(up.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(up.getData()).hasValueSatisfying(d -> assertThat(d).containsEntry("status", "healthy")
                .containsKey("logs.exported"));

            receiver.stop();
            client.logInfo("while down");
            client.flush(Duration.ofSeconds(5));
            HealthCheckResponse down = check.call();
            assertThat(down.getStatus()).as("one export after the backend stopped").isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(down.getData()).hasValueSatisfying(d -> assertThat(d).containsKey("lastError")
                .doesNotContainValue("tfs_cdi_test_secret_XYZ"));

            receiver = OtlpReceiver.start(grpcPort, httpPort);
            client.logInfo("after");
            client.flush(Duration.ofSeconds(20));
            OtlpReceiver back = receiver;
            back.awaitLog("after", Duration.ofSeconds(20));
            assertThat(check.call().getStatus()).as("the backend is back").isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(check.call().getData().orElseThrow().toString()).doesNotContain("tfs_");
        } finally {
            receiver.stop();
        }
    }
}
