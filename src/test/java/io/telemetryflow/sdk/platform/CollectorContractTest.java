package io.telemetryflow.sdk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.sdk.SdkTestClients;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.reliability.Reliability;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedExport;
import io.telemetryflow.devbackend.ReceivedSpan;
import io.telemetryflow.devbackend.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The write side against a receiver with the TelemetryFlow collector's rules
 * (TELEMETRYFLOW-PLATFORM.md §1: raw OTLP/HTTP bodies, {@code /v2} key checks): a client built with
 * the defaults is accepted on both protocols, an explicit gzip on HTTP is reported once with the
 * fix, a refused key once with its id, and both are visible in {@code health()}.
 */
class CollectorContractTest {

    private static final Duration WAIT = SdkTestClients.WAIT;
    private OtlpReceiver receiver;
    private final java.util.List<LogRecord> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.logging.Handler capture = new java.util.logging.Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() {
        receiver = OtlpReceiver.start();
        Logger.getLogger("io.telemetryflow").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("io.telemetryflow").removeHandler(capture);
        receiver.stop();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void defaultsAreAcceptedByTheCollectorOnBothProtocols(Protocol protocol) {
        try (TelemetryClient client = SdkTestClients.builder(receiver, protocol)
                .collectorName("edge-1").collectorHostname("host-a").build().initialize()) {
            client.incrementCounter("orders.placed", 1, Map.of("region", "eu"));
            try (var span = client.span("checkout")) {
                client.logInfo("placed", Map.of());
            }
            assertThat(client.flush(WAIT)).isTrue();
            ReceivedSpan span = receiver.awaitSpan("checkout", WAIT);
            receiver.awaitLog("placed", WAIT);
            receiver.awaitMetric("orders.placed", WAIT);
            assertThat(receiver.protocolErrors()).as("nothing answered 400/401").isEmpty();
            assertThat(receiver.rejectedCount()).isZero();
            assertThat(span.resourceAttributes()).containsEntry("deployment.environment", "test")
                .containsEntry("deployment.environment.name", "test");
            for (ReceivedExport export : receiver.exports()) {
                assertThat(export.gzip()).as("auto: no gzip to a loopback host, on either protocol: %s", export).isFalse();
                assertThat(export.header("x-telemetryflow-collector-name")).isEqualTo("edge-1");
                assertThat(export.header("x-telemetryflow-collector-hostname")).isEqualTo("host-a");
                assertThat(export.header("x-telemetryflow-datacenter")).isEqualTo("default");
                if (protocol == Protocol.HTTP) {
                    assertThat(export.path()).startsWith("/v2/");
                }
            }
            HealthStatus health = client.health();
            assertThat(health.status()).isEqualTo(HealthStatus.State.HEALTHY);
            assertThat(health.signals().get(SignalType.TRACES).failed()).isZero();
        }
    }

    @Test
    void explicitGzipOverHttpIsReportedOnceWithTheFixAndCounted() {
        try (TelemetryClient client = SdkTestClients.builder(receiver, Protocol.HTTP).compression(true)
                .retry(false, 0, Duration.ofMillis(100)).build().initialize()) {
            for (int i = 0; i < 3; i++) {
                client.logInfo("lost " + i, Map.of());
                client.flush(WAIT);
            }
            assertThat(receiver.logs()).isEmpty();
            assertThat(receiver.protocolErrors()).isNotEmpty().allMatch(e -> e.contains("400 Failed to unmarshal"));
            // the failure is counted when the exporter's result completes, which may be just after flush returns
            HealthStatus health = Reliability.awaitHealth(client, h -> h.signals().get(SignalType.LOGS).failed() == 3,
                WAIT, "3 failed log records");
            List<LogRecord> fix = warnings.stream().filter(r -> text(r).contains("telemetryflow.compression=none")).toList();
            assertThat(fix).hasSize(1);
            assertThat(health.status()).isEqualTo(HealthStatus.State.UNHEALTHY);
            assertThat(health.lastError()).hasValueSatisfying(e -> assertThat(e).contains("HTTP status 400")
                .contains("telemetryflow.compression=none"));
        }
    }

    @Test
    void refusedKeyOnV2IsFinalWarnedOnceWithTheKeyIdAndUnhealthy() {
        receiver.allowKeyIds(Set.of("tfk_someone_else"));
        try (TelemetryClient client = SdkTestClients.builder(receiver, Protocol.HTTP).build().initialize()) {
            for (int i = 0; i < 3; i++) {
                try (var span = client.span("refused " + i)) {
                    span.setAttribute("i", i);
                }
                client.flush(WAIT);
            }
            // 403 is not retried: at most one request per flush (a retried failure would make 4 each)
            assertThat(receiver.protocolErrors()).allMatch(e -> e.contains("403 API Key ID not authorized"));
            assertThat(receiver.protocolErrors()).filteredOn(e -> e.contains("/v2/traces")).hasSizeBetween(1, 3);
            HealthStatus health = Reliability.awaitHealth(client, h -> h.signals().get(SignalType.TRACES).failed() == 3,
                WAIT, "3 failed spans");
            List<LogRecord> refused = warnings.stream().filter(r -> text(r).contains("refused API key id")).toList();
            assertThat(refused).hasSize(1);
            assertThat(text(refused.get(0))).contains(SdkTestClients.KEY_ID).contains("HTTP 403")
                .doesNotContain(SdkTestClients.KEY_SECRET);
            assertThat(health.status()).isEqualTo(HealthStatus.State.UNHEALTHY);
            assertThat(health.lastError()).hasValueSatisfying(e -> assertThat(e).contains(SdkTestClients.KEY_ID));
        }
    }

    @Test
    void perSignalEndpointsSendEachSignalWhereConfigured() {
        try (OtlpReceiver tracesOnly = OtlpReceiver.start();
             TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC)
                 .endpoint(SignalType.TRACES, tracesOnly.grpcEndpoint()).build().initialize()) {
            try (var span = client.span("routed")) {
                client.logInfo("stays", Map.of());
            }
            assertThat(client.flush(WAIT)).isTrue();
            tracesOnly.awaitSpan("routed", WAIT);
            receiver.awaitLog("stays", WAIT);
            assertThat(receiver.spans()).isEmpty();
            assertThat(tracesOnly.logs()).isEmpty();
            assertThat(tracesOnly.exports()).allMatch(e -> e.transport() == Transport.GRPC);
        }
    }

    private static String text(LogRecord r) {
        return new java.util.logging.SimpleFormatter().formatMessage(r);
    }
}
