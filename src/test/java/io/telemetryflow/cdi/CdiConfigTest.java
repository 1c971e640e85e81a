package io.telemetryflow.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.domain.ConfigKey;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedSpan;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** MicroProfile Config → TelemetryConfig on Weld SE + SmallRye Config, checked at the receiver. */
class CdiConfigTest {

    private static final String SECRET = "tfs_cdi_test_secret_XYZ";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void propertiesFileSystemPropertiesAndEnvironmentNamesAreLayered() {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            Map<String, String> sys = Map.of(
                "telemetryflow.endpoint", receiver.grpcEndpoint(),
                "telemetryflow.service-version", "4.5.6");           // overrides 3.0.0 of the file
            Map<String, String> env = Map.of(
                "TELEMETRYFLOW_ENVIRONMENT", "staging",                 // overrides "test" of the file
                "TELEMETRYFLOW_COLLECTOR_ID", "collector-env",
                "TELEMETRYFLOW_ATTRIBUTES_REGION", "eu-west");
            try (CdiTestSupport cdi = CdiTestSupport.start(sys, env)) {
                TelemetryClient client = cdi.get(TelemetryClient.class);
                try (var span = client.span("config-probe")) {
                    span.setAttribute("probe", true);
                }
                client.flush();
                ReceivedSpan span = receiver.awaitSpan("config-probe", WAIT);
                assertThat(span.resourceAttributes())
                    .containsEntry("service.name", "cdi-test-service")
                    .containsEntry("service.namespace", "from-properties-file")
                    .containsEntry("service.version", "4.5.6")
                    .containsEntry("deployment.environment.name", "staging")
                    .containsEntry("team", "observability")
                    .containsEntry("region", "eu-west");
                assertThat(span.export().headers())
                    .containsEntry("x-telemetryflow-collector-id", "collector-env")
                    .containsEntry("x-telemetryflow-environment", "staging")
                    .containsEntry("x-telemetryflow-key-id", "tfk_cdi_test")
                    .containsEntry("authorization", "Bearer tfk_cdi_test:" + SECRET);
            }
        }
    }

    @Test
    void otelServiceNameIsTheFallbackServiceName() {
        try (OtlpReceiver receiver = OtlpReceiver.start();
             CdiTestSupport cdi = CdiTestSupport.start(
                 Map.of("telemetryflow.endpoint", receiver.grpcEndpoint(), "telemetryflow.service-name", ""),
                 Map.of("OTEL_SERVICE_NAME", "from-otel-env"))) {
            assertThat(cdi.get(TelemetryClient.class).config().serviceName()).isEqualTo("from-otel-env");
        }
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
            Arguments.of(ConfigKey.ENABLED, "maybe"),
            Arguments.of(ConfigKey.API_KEY_ID, "bad"),
            Arguments.of(ConfigKey.API_KEY_SECRET, "tf_notasecret"),
            Arguments.of(ConfigKey.ENDPOINT, "http://exa mple.com:4317"),
            Arguments.of(ConfigKey.PROTOCOL, "ftp"),
            Arguments.of(ConfigKey.INSECURE, "yes please"),
            Arguments.of(ConfigKey.TIMEOUT, "-5s"),
            Arguments.of(ConfigKey.COMPRESSION, "zstd"),
            Arguments.of(ConfigKey.RETRY_ENABLED, "2"),
            Arguments.of(ConfigKey.RETRY_MAX_RETRIES, "99"),
            Arguments.of(ConfigKey.RETRY_BACKOFF, "soon"),
            Arguments.of(ConfigKey.SERVICE_NAME, " "),
            Arguments.of(ConfigKey.SERVICE_VERSION, " "),
            Arguments.of(ConfigKey.SERVICE_NAMESPACE, " "),
            Arguments.of(ConfigKey.ENVIRONMENT, " "),
            Arguments.of(ConfigKey.SIGNALS_METRICS, "on"),
            Arguments.of(ConfigKey.SIGNALS_LOGS, "off"),
            Arguments.of(ConfigKey.SIGNALS_TRACES, "1"),
            Arguments.of(ConfigKey.BATCH_TIMEOUT, "0s"),
            Arguments.of(ConfigKey.BATCH_MAX_SIZE, "0"),
            Arguments.of(ConfigKey.BATCH_MAX_QUEUE_SIZE, "many"),
            Arguments.of(ConfigKey.SPANS_MAX_OPEN, "-1"),
            Arguments.of(ConfigKey.EXEMPLARS_ENABLED, "sometimes"),
            Arguments.of(ConfigKey.API_V2, "v3"),
            Arguments.of(ConfigKey.QUERY_ENDPOINT, "ftp://query.example.com"),
            Arguments.of(ConfigKey.JAXRS_ENABLED, "nope"),
            Arguments.of(ConfigKey.LOGS_JUL_ENABLED, "nope"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidValues")
    void eachInvalidKeyFailsTheDeploymentNamingTheKeyButNeverTheSecret(ConfigKey key, String value) {
        Map<String, String> sys = new HashMap<>();
        sys.put(key.key(), value);
        Throwable failure = catchThrowable(() -> CdiTestSupport.start(sys, Map.of()).close());
        assertThat(failure).as("deployment must fail for %s=%s", key.key(), value).isNotNull();
        String message = fullMessage(failure);
        assertThat(message).contains(key.key()).doesNotContain(SECRET).doesNotContain("cdi_test_secret");
    }

    @Test
    void aBadConfigurationIsSaidFirstInOurWordsBeforeTheContainersOwnFailure() {
        java.util.List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override public void publish(java.util.logging.LogRecord r) { records.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            Throwable failure = catchThrowable(() -> CdiTestSupport.start(Map.of("telemetryflow.api-key-id", "",
                "telemetryflow.timeout", "soon"), Map.of()).close());
            assertThat(failure).isNotNull();
        } finally {
            root.removeHandler(capture);
        }
        java.util.logging.LogRecord first = records.stream()
            .filter(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()).findFirst().orElseThrow();
        assertThat(first.getLoggerName()).isEqualTo("io.telemetryflow.cdi");
        assertThat(first.getMessage()).startsWith("TelemetryFlow configuration is invalid (2 problems):")
            .contains("telemetryflow.api-key-id is required").contains("telemetryflow.timeout: got 'soon'")
            .doesNotContain(SECRET);
    }

    @Test
    void severalInvalidKeysAreReportedTogether() {
        Throwable failure = catchThrowable(() -> CdiTestSupport.start(Map.of(
            "telemetryflow.protocol", "smoke-signals", "telemetryflow.timeout", "forever"), Map.of()).close());
        assertThat(fullMessage(failure)).contains("telemetryflow.protocol").contains("telemetryflow.timeout")
            .contains("grpc or http");
    }

    @Test
    void disabledTelemetryStartsWithoutCredentialsInjectsAndSendsNothing() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start();
             CdiTestSupport cdi = CdiTestSupport.start(Map.of(
                 "telemetryflow.enabled", "false",
                 "telemetryflow.api-key-id", "",
                 "telemetryflow.api-key-secret", "",
                 "telemetryflow.endpoint", receiver.grpcEndpoint()), Map.of())) {
            TelemetryClient client = cdi.get(TelemetryClient.class);
            client.incrementCounter("disabled.counter");
            client.logInfo("disabled log");
            client.endSpan(client.startSpan("disabled-span"));
            cdi.get(CommandPublisher.class).fire(io.telemetryflow.sdk.application.RecordCounterCommand.of("disabled.event", 1));
            cdi.get(io.opentelemetry.api.trace.Tracer.class).spanBuilder("disabled-tracer").startSpan().end();
            assertThat(client.flush()).isTrue();
            Thread.sleep(500);
            assertThat(receiver.exports()).isEmpty();
        }
    }

    private static String fullMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable cur = t; cur != null; cur = cur.getCause()) {
            sb.append(cur.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
