package io.telemetryflow.sdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.sdk.SdkTestClients;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.internal.SdkVersion;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** One INFO line at start (is it active, where, how) and one at stop (what was exported and lost); never the secret. */
class LifecycleLogTest {

    private static final String RUNTIME_LOGGER = "io.telemetryflow.sdk.internal.TelemetryRuntime";

    @Test
    void startAndStopAreEachOneInfoLineWithoutTheSecret() {
        try (OtlpReceiver receiver = OtlpReceiver.start(); LogCapture log = LogCapture.start()) {
            TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC).build().initialize();
            List<String> started = infoLines(log, "started");
            assertThat(started).singleElement().asString()
                .startsWith("TelemetryFlow SDK " + SdkVersion.VALUE + " started: service orders 2.1.0")
                .contains("namespace shop", "environment test", "signals metrics, logs, traces",
                    "to " + receiver.grpcEndpoint(), "over OTLP/gRPC", "plaintext", "uncompressed" /* loopback: auto skips gzip */, "API key " + SdkTestClients.KEY_ID)
                .doesNotContain(SdkTestClients.KEY_SECRET, SdkTestClients.KEY_SECRET.substring(4));
            assertThat(SdkVersion.VALUE).as("the build wrote the version").isNotEqualTo("unknown").doesNotContain("${");

            client.span("checkout").close();
            client.logInfo("hello");
            assertThat(client.shutdown(Duration.ofSeconds(10))).isTrue();
            assertThat(infoLines(log, "stopped")).singleElement().asString()
                .startsWith("TelemetryFlow SDK stopped: ")
                .contains("traces 1 exported, 0 failed, 0 dropped", "logs 1 exported, 0 failed, 0 dropped")
                .doesNotContain("unsent");
            assertThat(log.allText()).doesNotContain(SdkTestClients.KEY_SECRET);
        }
    }

    private static List<String> infoLines(LogCapture log, String word) {
        return log.matching(r -> RUNTIME_LOGGER.equals(r.getLoggerName()) && r.getLevel() == Level.INFO)
            .stream().map(LogRecord::getMessage).filter(m -> m.contains(" " + word + ":")).toList();
    }
}
