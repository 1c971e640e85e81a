package io.telemetryflow.sdk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.sdk.domain.TelemetryConfigException;
import io.telemetryflow.sdk.domain.TelemetryConfigParser;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Go and Python siblings' names (TELEMETRYFLOW-PLATFORM.md §3) and the new platform keys. */
class SiblingConfigNamesTest {

    private static TelemetryConfig parse(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(Map.of("telemetryflow.api-key-id", "tfk_key",
            "telemetryflow.api-key-secret", "tfs_secret_value", "telemetryflow.service-name", "svc"));
        all.putAll(values);
        return TelemetryConfigParser.parse(all::get, Map.of(), null);
    }

    @Test
    void environmentFromOurKeyThenEnvThenEnvironment() {
        assertThat(parse(Map.of()).environment()).isEqualTo("production");
        assertThat(parse(Map.of("ENVIRONMENT", "staging")).environment()).isEqualTo("staging");
        assertThat(parse(Map.of("ENVIRONMENT", "staging", "ENV", "qa")).environment()).isEqualTo("qa");
        assertThat(parse(Map.of("ENV", "qa", "telemetryflow.environment", "prod-eu")).environment()).isEqualTo("prod-eu");
    }

    @Test
    void pythonEnableSwitchesAreAliasesOfOurs() {
        TelemetryConfig off = parse(Map.of("TELEMETRYFLOW_ENABLE_TRACES", "false", "TELEMETRYFLOW_ENABLE_LOGS", "false",
            "TELEMETRYFLOW_ENABLE_EXEMPLARS", "false"));
        assertThat(off.signals()).containsExactly(SignalType.METRICS);
        assertThat(off.exemplarsEnabled()).isFalse();
        // our key wins over the alias
        assertThat(parse(Map.of("TELEMETRYFLOW_ENABLE_TRACES", "false", "telemetryflow.signals.traces", "true"))
            .isSignalEnabled(SignalType.TRACES)).isTrue();
        assertThatThrownBy(() -> parse(Map.of("TELEMETRYFLOW_ENABLE_METRICS", "maybe")))
            .isInstanceOf(TelemetryConfigException.class).hasMessageContaining("telemetryflow.signals.metrics: got 'maybe'");
    }

    @Test
    void compressionAutoIsGzipOnGrpcAndNoneOnHttp() {
        assertThat(parse(Map.of()).compression()).isTrue();
        assertThat(parse(Map.of("telemetryflow.protocol", "http")).compression()).isFalse();
        assertThat(parse(Map.of("telemetryflow.protocol", "http", "telemetryflow.compression", "gzip")).compression()).isTrue();
        assertThat(parse(Map.of("telemetryflow.compression", "none")).compression()).isFalse();
        assertThatThrownBy(() -> parse(Map.of("telemetryflow.compression", "zstd")))
            .hasMessageContaining("telemetryflow.compression: got 'zstd'").hasMessageContaining("auto");
    }

    @Test
    void goHeadersAndPerSignalEndpoints() {
        TelemetryConfig c = parse(Map.of("telemetryflow.collector-name", "edge", "telemetryflow.datacenter", "dc-2",
            "telemetryflow.logs.endpoint", "https://logs.example:4317"));
        assertThat(c.collectorName()).isEqualTo("edge");
        assertThat(c.datacenter()).isEqualTo("dc-2");
        assertThat(c.endpoint(SignalType.LOGS).toString()).isEqualTo("https://logs.example:4317");
        assertThat(c.endpoint(SignalType.TRACES)).isEqualTo(c.endpoint());
        assertThatThrownBy(() -> parse(Map.of("telemetryflow.traces.endpoint", "http://collector.example:4317")))
            .hasMessageContaining("telemetryflow.traces.endpoint: got 'http://collector.example:4317'; plaintext");
    }

    @Test
    void queryCredentialsAreRequiredWithAQueryEndpointAndNeverPrinted() {
        assertThatThrownBy(() -> parse(Map.of("telemetryflow.query.endpoint", "https://core.example")))
            .hasMessageContaining("telemetryflow.query.token").hasMessageContaining("telemetryflow.query.email");
        assertThatThrownBy(() -> parse(Map.of("telemetryflow.query.endpoint", "https://core.example",
            "telemetryflow.query.email", "me@example.com")))
            .hasMessageContaining("telemetryflow.query.password is required");
        assertThatThrownBy(() -> parse(Map.of("telemetryflow.query.endpoint", "http://core.example",
            "telemetryflow.query.token", "jwt-secret-token-value")))
            .hasMessageContaining("plaintext").hasMessageNotContaining("jwt-secret-token-value");
        TelemetryConfig c = parse(Map.of("telemetryflow.query.endpoint", "http://127.0.0.1:8080",
            "telemetryflow.query.email", "me@example.com", "telemetryflow.query.password", "p4ssw0rd-value"));
        assertThat(c.toString()).contains("me@example.com").doesNotContain("p4ssw0rd-value");
        TelemetryConfig token = parse(Map.of("telemetryflow.query.endpoint", "https://core.example",
            "telemetryflow.query.token", "jwt-secret-token-value"));
        assertThat(token.toString()).doesNotContain("jwt-secret-token-value");
        assertThat(parse(Map.of("telemetryflow.query.endpoint", "http://core.example", "telemetryflow.insecure", "true",
            "telemetryflow.query.token", "jwt-secret-token-value")).queryEndpoint()).hasHost("core.example");
    }
}
