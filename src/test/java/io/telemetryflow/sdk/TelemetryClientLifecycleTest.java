package io.telemetryflow.sdk;

import io.telemetryflow.sdk.internal.ClientInternals;

import static io.telemetryflow.sdk.SdkTestClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.OpenTelemetry;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.application.RecordCounterCommand;
import io.telemetryflow.sdk.domain.ConfigKey;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.Severity;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.SpanKind;
import io.telemetryflow.sdk.domain.TelemetryConfigException;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedExport;
import io.telemetryflow.devbackend.Signal;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** initialize / flush / shutdown semantics, the disabled client and configuration from the environment. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TelemetryClientLifecycleTest {

    private static final String INVALID_SPAN_ID = "0000000000000000";
    private static OtlpReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = OtlpReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @BeforeEach
    void clear() {
        receiver.clear();
    }

    private static void recordEverything(TelemetryClient client) {
        client.incrementCounter("c");
        client.incrementCounter("c", 2, Map.of("a", 1));
        client.recordGauge("g", 1.5);
        client.recordHistogram("h", 2, "s");
        client.recordMetric("m", 3, "By");
        client.log(Severity.INFO, "log");
        client.logDebug("d");
        client.logWarn("w", Map.of());
        client.logError("e");
        String id = client.startSpan("s", SpanKind.SERVER, Map.of("k", "v"));
        client.addSpanEvent(id, "ev", Map.of());
        client.endSpan(id, new RuntimeException("x"));
        try (TelemetrySpan span = client.span("scoped")) {
            span.setAttribute("k", 1).addEvent("e", Map.of()).recordError(new IllegalStateException());
        }
    }

    @Test
    void disabledClientIsANoOpWithoutCredentials() {
        TelemetryClient client = TelemetryClient.builder().enabled(false).build();
        assertThatCode(() -> {
            client.initialize();
            recordEverything(client);
        }).doesNotThrowAnyException();
        assertThat(client.isInitialized()).isTrue();
        assertThat(client.startSpan("s")).isEqualTo(INVALID_SPAN_ID);
        assertThat(client.openTelemetry()).isSameAs(OpenTelemetry.noop());
        assertThat(ClientInternals.runtime(client)).isNull();
        assertThat(client.flush()).isTrue();
        assertThat(client.health().status()).isEqualTo(HealthStatus.State.HEALTHY);
        assertThat(client.shutdown()).isTrue();
        assertThat(receiver.exports()).isEmpty();
    }

    @Test
    void recordingBeforeInitializeIsIgnoredButFlushingIsAProgrammingError() {
        TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC).build();
        assertThat(client.isInitialized()).isFalse();
        client.incrementCounter("c"); // a record call never throws into business code
        try (TelemetrySpan span = client.span("s")) {
            assertThat(span.traceId()).isEqualTo(io.opentelemetry.api.trace.TraceId.getInvalid());
        }
        assertThatThrownBy(client::flush).isInstanceOf(IllegalStateException.class).hasMessageContaining("initialize");
        client.shutdown();
    }

    @Test
    void initializeIsIdempotentAndShutdownFlushes() {
        TelemetryClient client = SdkTestClients.builder(receiver, Protocol.HTTP)
            .batch(Duration.ofSeconds(30), 512).build();
        assertThat(client.initialize()).isSameAs(client.initialize());
        var runtime = ClientInternals.runtime(client);
        client.initialize();
        assertThat(ClientInternals.runtime(client)).isSameAs(runtime);

        client.incrementCounter("at.shutdown", 7);
        client.logInfo("log at shutdown");
        client.endSpan(client.startSpan("span at shutdown"));
        assertThat(client.shutdown()).isTrue();

        receiver.awaitSpan("span at shutdown", WAIT);
        receiver.awaitLog("log at shutdown", WAIT);
        receiver.awaitMetric("at.shutdown", m -> m.sumValue() == 7, WAIT);
    }

    @Test
    void callsAfterShutdownAreNoOpsCountedAsDropped() {
        TelemetryClient client = SdkTestClients.grpcClient(receiver);
        client.close();
        assertThat(client.isInitialized()).isFalse();
        assertThat(ClientInternals.runtime(client)).isNull();
        assertThat(client.shutdown()).isTrue();
        assertThatCode(() -> recordEverything(client)).doesNotThrowAnyException();
        assertThat(client.startSpan("late")).isEqualTo(INVALID_SPAN_ID);
        assertThat(client.flush()).isTrue();
        assertThat(client.send(RecordCounterCommand.of("late", 1))).isNull();

        HealthStatus health = client.health();
        assertThat(health.signals().get(SignalType.METRICS).dropped()).isEqualTo(6);
        assertThat(health.signals().get(SignalType.LOGS).dropped()).isEqualTo(4);
        assertThat(health.signals().get(SignalType.TRACES).dropped()).isEqualTo(2);
        assertThatThrownBy(client::initialize).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void disabledSignalsAreNotExported() {
        TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC).signals(true, false, false)
            .build().initialize();
        try {
            client.incrementCounter("only.metrics");
            client.logInfo("not exported");
            client.endSpan(client.startSpan("not exported"));
            assertThat(client.flush()).isTrue();
            receiver.awaitMetric("only.metrics", WAIT);
        } finally {
            client.shutdown();
        }
        assertThat(receiver.exports()).extracting(ReceivedExport::signal).containsOnly(Signal.METRICS);
    }

    @Test
    void exportWorksWithRetryDisabled() {
        TelemetryClient client = SdkTestClients.builder(receiver, Protocol.HTTP)
            .retry(false, 0, Duration.ofSeconds(1)).timeout(Duration.ofSeconds(5)).build().initialize();
        try {
            client.endSpan(client.startSpan("no retry"));
            assertThat(client.flush()).isTrue();
            receiver.awaitSpan("no retry", WAIT);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void fromEnvironmentReadsTelemetryFlowVariablesAndSystemPropertiesWin() {
        Map<String, String> env = Map.of(
            "TELEMETRYFLOW_API_KEY_ID", "tfk_env",
            "TELEMETRYFLOW_API_KEY_SECRET", "tfs_env_secret",
            "TELEMETRYFLOW_ENDPOINT", receiver.httpEndpoint(),
            "TELEMETRYFLOW_PROTOCOL", "http",
            "TELEMETRYFLOW_API_V2", "false",
            "TELEMETRYFLOW_ENVIRONMENT", "env-environment",
            "TELEMETRYFLOW_ATTRIBUTES_TEAM", "payments",
            "OTEL_SERVICE_NAME", "otel-name");
        Properties props = new Properties();
        props.setProperty("telemetryflow.environment", "prop-environment");
        TelemetryClient client = TelemetryClient.fromEnvironment(env, props).initialize();
        try {
            assertThat(client.config().serviceName()).isEqualTo("otel-name");
            assertThat(client.config().environment()).isEqualTo("prop-environment");
            client.endSpan(client.startSpan("from env"));
            assertThat(client.flush()).isTrue();
            var span = receiver.awaitSpan("from env", WAIT);
            assertThat(span.export().path()).isEqualTo("/v1/traces");
            assertThat(span.export().header("x-telemetryflow-key-id")).isEqualTo("tfk_env");
            assertThat(span.export().header("x-telemetryflow-environment")).isEqualTo("prop-environment");
            assertThat(span.resourceAttributes()).containsEntry("team", "payments")
                .containsEntry("service.name", "otel-name");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void fromEnvironmentReportsEveryBadVariableByKeyWithoutTheSecret() {
        Map<String, String> env = Map.of(
            "TELEMETRYFLOW_API_KEY_ID", "tfk_env",
            "TELEMETRYFLOW_API_KEY_SECRET", "SUPERSECRET_123",
            "TELEMETRYFLOW_TIMEOUT", "soon",
            "TELEMETRYFLOW_SERVICE_NAME", "svc");
        assertThatThrownBy(() -> TelemetryClient.fromEnvironment(env, new Properties()))
            .isInstanceOf(TelemetryConfigException.class)
            .hasMessageContaining(ConfigKey.API_KEY_SECRET.key())
            .hasMessageContaining(ConfigKey.TIMEOUT.key())
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SUPERSECRET").doesNotContain("_123"));
    }

    @Test
    void clientBuilderRejectsBadInputNamingTheKeyWithoutTheSecret() {
        assertThatThrownBy(() -> TelemetryClient.builder().apiKey("tfk_abc", "tfs_SUPERSECRET_123")
                .service("svc", "1").endpoint("http://collector.example.com:4317").timeout(Duration.ZERO).build())
            .isInstanceOf(TelemetryConfigException.class)
            .hasMessageContaining(ConfigKey.ENDPOINT.key())
            .hasMessageContaining(ConfigKey.TIMEOUT.key())
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SUPERSECRET"));
        assertThatThrownBy(() -> TelemetryClient.builder().apiKey("tfs_SUPERSECRET_123", "tfk_abc")
                .service("svc", "1").build())
            .isInstanceOf(TelemetryConfigException.class)
            .hasMessageContaining(ConfigKey.API_KEY_ID.key())
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SUPERSECRET"));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC).build();
        assertThat(client.toString()).contains(SdkTestClients.KEY_ID).doesNotContain(SdkTestClients.KEY_SECRET)
            .doesNotContain("secret_value");
    }
}
