package io.telemetryflow.sdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code endpoint=127.0.0.1:port} without {@code insecure} means TLS; a plaintext collector there
 * answers the handshake in plaintext. The user gets one warning naming the fix, the failures are
 * final (counted, not buffered for retries that cannot help), and health says why.
 *
 * <p>gRPC only: the receiver's OTLP/HTTP side (the JDK's HTTP server) never answers a TLS
 * ClientHello (it waits for a request line), so the client sees a connect timeout there, not the
 * plaintext answer a real collector gives.
 */
class TlsMismatchTest {

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = "GRPC")
    void aPlaintextCollectorBehindATlsEndpointIsNamedWithItsFixOnce(Protocol protocol) {
        try (OtlpReceiver receiver = OtlpReceiver.start(); LogCapture log = LogCapture.start()) {
            int port = protocol == Protocol.GRPC ? receiver.grpcPort() : receiver.httpPort();
            TelemetryClient client = Reliability.builder(protocol, port).insecure(false)
                .endpoint("127.0.0.1:" + port).batch(Duration.ofMillis(50), 512).build().initialize();
            try {
                assertThat(client.config().tls()).as("host:port defaults to TLS").isTrue();
                for (int i = 0; i < 3; i++) {
                    client.span("checkout").close();
                    client.flush(Duration.ofSeconds(10));
                }
                HealthStatus h = Reliability.awaitHealth(client,
                    s -> s.signals().get(SignalType.TRACES).failed() == 3, Reliability.WAIT, "3 failed spans");
                SignalHealth traces = h.signals().get(SignalType.TRACES);
                assertThat(traces.buffered()).as("final: not kept for retries").isZero();
                assertThat(traces.balanced()).isTrue();
                assertThat(h.lastError()).hasValueSatisfying(e -> assertThat(e).contains("telemetryflow.insecure=true"));

                List<String> advice = log.warningsOf("io.telemetryflow").stream().map(log::text)
                    .filter(t -> t.contains("answered in plaintext")).toList();
                assertThat(advice).as("one warning naming the fix").singleElement().asString()
                    .contains("telemetryflow.insecure=true").doesNotContain(Reliability.SECRET);
                assertThat(receiver.spans()).isEmpty();
            } finally {
                client.shutdown(Duration.ofSeconds(5));
            }
        }
    }
}
