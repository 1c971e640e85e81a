package io.telemetryflow.sdk.reliability;

import static io.telemetryflow.sdk.reliability.Reliability.KEY_ID;
import static io.telemetryflow.sdk.reliability.Reliability.SECRET;
import static io.telemetryflow.sdk.reliability.Reliability.awaitHealth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.TelemetryConfigException;
import io.telemetryflow.sdk.internal.OpenTelemetryLogFilter;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The secret never leaves: not through a backend that echoes the credentials in its error message
 * (OpenTelemetry logs that message verbatim; the SDK's filter masks it, and {@code health()} keeps
 * only a scrubbed description), not through {@code toString}; and TLS is the default: plaintext to
 * a non-loopback host needs {@code insecure=true} and then logs exactly one warning.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecretSafetyTest {

    private static final String ECHO = "invalid credentials: Bearer " + KEY_ID + ":" + SECRET;
    private static final String SECRET_TAIL = SECRET.substring("tfs_".length());

    @Test
    void httpBackendEchoingTheSecretInItsErrorIsMaskedInLogsAndHealth() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = com.google.rpc.Status.newBuilder().setCode(16).setMessage(ECHO).build().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            assertEchoMasked(Protocol.HTTP, server.getAddress().getPort(),
                "io.opentelemetry.exporter.otlp.internal.HttpExporter");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void grpcBackendEchoingTheSecretInItsStatusIsMaskedInLogsAndHealth() throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(new TraceServiceGrpc.TraceServiceImplBase() {
                @Override
                public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> out) {
                    out.onError(Status.UNAUTHENTICATED.withDescription(ECHO).asRuntimeException());
                }
            }).build().start();
        try {
            assertEchoMasked(Protocol.GRPC, server.getPort(), "io.opentelemetry.exporter.otlp.internal.GrpcExporter");
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void assertEchoMasked(Protocol protocol, int port, String otelLogger) {
        // FINE on the exporter's logger, so its record is seen even if the filter's once-a-minute
        // WARNING was used up by an earlier test (demoted records are masked the same way).
        Logger logger = Logger.getLogger(otelLogger);
        Level level = logger.getLevel();
        logger.setLevel(Level.FINE);
        TelemetryClient client = Reliability.builder(protocol, port)
            .signals(false, false, true)
            .timeout(Duration.ofSeconds(5))
            .retry(true, 1, Duration.ofMillis(50))
            .batch(Duration.ofMillis(50), 512)
            .build().initialize();
        try (LogCapture logs = LogCapture.start()) {
            client.endSpan(client.startSpan("echo.span"));
            client.flush(Duration.ofSeconds(5));
            HealthStatus health = awaitHealth(client, h -> h.signals().get(SignalType.TRACES).failed() == 1,
                Duration.ofSeconds(10), "the rejected export");

            List<LogRecord> exporterRecords = logs.matching(r -> otelLogger.equals(r.getLoggerName()));
            assertThat(exporterRecords).as("OpenTelemetry's record of the failure").isNotEmpty();
            assertThat(exporterRecords).anySatisfy(r -> assertThat(logs.text(r)).contains("Bearer " + KEY_ID + ":****"));
            String all = logs.allText();
            assertThat(all).doesNotContain(SECRET).doesNotContain(SECRET_TAIL);
            assertThat(health.status()).isEqualTo(HealthStatus.State.UNHEALTHY);
            assertThat(health.lastError()).isPresent();
            assertThat(health.lastError().get()).doesNotContain(SECRET).doesNotContain(SECRET_TAIL);
            assertThat(health.toString()).doesNotContain(SECRET);
            System.out.printf(java.util.Locale.ROOT, "[reliability] %s echoing backend: lastError '%s'; OpenTelemetry"
                + " logged: %s%n", protocol, health.lastError().get(),
                exporterRecords.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList());
        } finally {
            client.shutdown(Duration.ofSeconds(5));
            logger.setLevel(level);
        }
    }

    @Test
    void tlsIsTheDefaultAndPlaintextToANonLoopbackHostNeedsInsecure() {
        TelemetryClient tls = Reliability.builder(Protocol.GRPC, 4317).insecure(false)
            .endpoint("collector.example.com:4317").build();
        assertThat(tls.config().tls()).isTrue();
        assertThat(tls.config().endpoint().getScheme()).isEqualTo("https");

        assertThatThrownBy(() -> Reliability.builder(Protocol.GRPC, 4317).insecure(false)
            .endpoint("http://collector.example.com:4317").build())
            .isInstanceOf(TelemetryConfigException.class)
            .hasMessageContaining("telemetryflow.endpoint")
            .hasMessageContaining("telemetryflow.insecure=true")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));

        // Loopback (local collector, tests) may be plaintext without the flag.
        assertThat(Reliability.builder(Protocol.GRPC, 4317).insecure(false).endpoint("http://127.0.0.1:4317")
            .build().config().tls()).isFalse();
    }

    @Test
    void insecureToANonLoopbackHostLogsExactlyOneWarning() {
        OpenTelemetryLogFilter.install();
        try (LogCapture logs = LogCapture.start()) {
            // No records: nothing is ever sent to the (unresolvable) host.
            TelemetryClient client = Reliability.builder(Protocol.HTTP, 4318).insecure(true)
                .endpoint("collector.example.com:4318").batch(Duration.ofHours(1), 512).build();
            assertThat(client.config().tls()).isFalse();
            client.initialize();
            client.initialize(); // idempotent: still one runtime, one warning
            TelemetryClient local = Reliability.builder(Protocol.HTTP, 4318).insecure(true)
                .batch(Duration.ofHours(1), 512).build().initialize();
            try {
                List<LogRecord> plaintext = logs.matching(r -> TelemetryRuntime.class.getName().equals(r.getLoggerName())
                    && r.getLevel() == Level.WARNING && logs.text(r).contains("plaintext"));
                assertThat(plaintext).as("plaintext warnings").hasSize(1);
                assertThat(logs.text(plaintext.get(0))).contains("collector.example.com").doesNotContain(SECRET);
            } finally {
                client.shutdown(Duration.ofSeconds(2));
                local.shutdown(Duration.ofSeconds(2));
            }
            assertThat(logs.allText()).doesNotContain(SECRET);
        } finally {
            OpenTelemetryLogFilter.uninstall(); // the install() above, as a client's stop would
        }
    }

    @Test
    void noSecretInToStringOfClientConfigOrCredentials() {
        TelemetryClient client = Reliability.builder(Protocol.HTTP, 4318).build();
        assertThat(client.toString()).doesNotContain(SECRET).doesNotContain(SECRET_TAIL);
        assertThat(client.config().toString()).doesNotContain(SECRET);
        assertThat(client.config().credentials().toString()).doesNotContain(SECRET).contains(KEY_ID);
        assertThat(client.health().toString()).doesNotContain(SECRET);
    }
}
