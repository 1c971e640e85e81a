package io.telemetryflow.sdk.domain;

import static io.telemetryflow.sdk.domain.SecretAssertions.SECRET;
import static io.telemetryflow.sdk.domain.SecretAssertions.assertNoSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TelemetryConfigParser} over a lookup map (what MicroProfile Config, environment variables
 * and system properties come down to): one case per bad value of every {@link ConfigKey}.
 */
class TelemetryConfigParserTest {

    /**
     * A bad value of one key.
     *
     * @param key the key
     * @param value the configured text
     * @param shown text the message must quote (the bad value, unless it is secret or normalized); null: not checked
     */
    record Case(ConfigKey key, String value, String shown) {
        @Override
        public String toString() {
            return key.key() + "='" + value.replace("\u0007", "\\a") + "'";
        }
    }

    static Map<String, String> validMap() {
        Map<String, String> m = new HashMap<>();
        m.put(ConfigKey.API_KEY_ID.key(), "tfk_abc");
        m.put(ConfigKey.API_KEY_SECRET.key(), SECRET);
        m.put(ConfigKey.SERVICE_NAME.key(), "orders");
        return m;
    }

    static TelemetryConfig parse(Map<String, String> values) {
        return TelemetryConfigParser.parse(values::get, Map.of(), null);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case(ConfigKey.ENABLED, "maybe", "maybe"));
        c.add(new Case(ConfigKey.API_KEY_ID, "key_abc", "key_abc"));
        c.add(new Case(ConfigKey.API_KEY_ID, "", null));
        c.add(new Case(ConfigKey.API_KEY_ID, SECRET, null)); // swapped: must not be quoted
        c.add(new Case(ConfigKey.API_KEY_SECRET, "SUPERSECRET_123", null));
        c.add(new Case(ConfigKey.API_KEY_SECRET, "tfs_SUPER SECRET_123", null));
        c.add(new Case(ConfigKey.API_KEY_SECRET, "", null));
        c.add(new Case(ConfigKey.API_KEY_SECRET, "Ж", null));
        c.add(new Case(ConfigKey.API_KEY_SECRET, "ЖЖ", null));
        c.add(new Case(ConfigKey.API_KEY_SECRET, "ЖЖЖ", null));
        c.add(new Case(ConfigKey.API_KEY_SECRET, "tfs", null));
        c.add(new Case(ConfigKey.ENDPOINT, "ftp://collector:21", "ftp://collector:21"));
        c.add(new Case(ConfigKey.ENDPOINT, "", null));
        c.add(new Case(ConfigKey.ENDPOINT, "http://collector.example.com:4317", "http://collector.example.com:4317"));
        c.add(new Case(ConfigKey.ENDPOINT, "https://tfk_abc:" + SECRET + "@collector.example.com", "****@collector"));
        c.add(new Case(ConfigKey.PROTOCOL, "udp", "udp"));
        c.add(new Case(ConfigKey.PROTOCOL, "", null));
        c.add(new Case(ConfigKey.INSECURE, "yes", "yes"));
        c.add(new Case(ConfigKey.TIMEOUT, "soon", "soon"));
        c.add(new Case(ConfigKey.TIMEOUT, "0s", "0s"));
        c.add(new Case(ConfigKey.TIMEOUT, "PT-5S", null));
        c.add(new Case(ConfigKey.COMPRESSION, "brotli", "brotli"));
        c.add(new Case(ConfigKey.RETRY_ENABLED, "nah", "nah"));
        c.add(new Case(ConfigKey.RETRY_MAX_RETRIES, "7", "7"));
        c.add(new Case(ConfigKey.RETRY_MAX_RETRIES, "three", "three"));
        c.add(new Case(ConfigKey.RETRY_BACKOFF, "fast", "fast"));
        c.add(new Case(ConfigKey.RETRY_BACKOFF, "0ms", "0s"));
        c.add(new Case(ConfigKey.SERVICE_NAME, " ", null));
        c.add(new Case(ConfigKey.SERVICE_VERSION, " ", null));
        c.add(new Case(ConfigKey.SERVICE_NAMESPACE, "", null));
        c.add(new Case(ConfigKey.ENVIRONMENT, " ", null));
        c.add(new Case(ConfigKey.COLLECTOR_ID, "col\u0007", null));
        c.add(new Case(ConfigKey.COLLECTOR_NAME, "edge\u0007", null));
        c.add(new Case(ConfigKey.BUFFER_MAX_ITEMS, "-1", "-1"));
        c.add(new Case(ConfigKey.BUFFER_MAX_BYTES, "lots", "lots"));
        c.add(new Case(ConfigKey.COLLECTOR_HOSTNAME, "host\u0007", null));
        c.add(new Case(ConfigKey.DATACENTER, " ", null));
        c.add(new Case(ConfigKey.TRACES_ENDPOINT, "ftp://t.example.com", "ftp://t.example.com"));
        c.add(new Case(ConfigKey.METRICS_ENDPOINT, "m.example.com:0", "m.example.com:0"));
        c.add(new Case(ConfigKey.LOGS_ENDPOINT, "http://l.example.com:4317", "http://l.example.com:4317"));
        c.add(new Case(ConfigKey.SIGNALS_METRICS, "on", "on"));
        c.add(new Case(ConfigKey.SIGNALS_LOGS, "off", "off"));
        c.add(new Case(ConfigKey.SIGNALS_TRACES, "1", "1"));
        c.add(new Case(ConfigKey.BATCH_TIMEOUT, "0s", "0s"));
        c.add(new Case(ConfigKey.BATCH_TIMEOUT, "later", "later"));
        c.add(new Case(ConfigKey.BATCH_MAX_SIZE, "0", "0"));
        c.add(new Case(ConfigKey.BATCH_MAX_SIZE, "big", "big"));
        c.add(new Case(ConfigKey.BATCH_MAX_QUEUE_SIZE, "100", "100"));
        c.add(new Case(ConfigKey.BATCH_MAX_QUEUE_SIZE, "-1", "-1"));
        c.add(new Case(ConfigKey.SPANS_MAX_OPEN, "-1", "-1"));
        c.add(new Case(ConfigKey.SPANS_MAX_OPEN, "1e3", "1e3"));
        c.add(new Case(ConfigKey.METRICS_HISTOGRAM_AGGREGATION, "linear", "linear"));
        c.add(new Case(ConfigKey.METRICS_SELF_ENABLED, "yes", "yes"));
        c.add(new Case(ConfigKey.LIMITS_ATTRIBUTES, "0", "0"));
        c.add(new Case(ConfigKey.LIMITS_ATTRIBUTE_LENGTH, "8", "8"));
        c.add(new Case(ConfigKey.LIMITS_SPAN_EVENTS, "many", "many"));
        c.add(new Case(ConfigKey.LIMITS_SPAN_LINKS, "-1", "-1"));
        c.add(new Case(ConfigKey.LIMITS_LOG_BODY_LENGTH, "10", "10"));
        c.add(new Case(ConfigKey.METRICS_CARDINALITY_LIMIT, "0", "0"));
        c.add(new Case(ConfigKey.HEALTH_ENABLED, "sure", "sure"));
        c.add(new Case(ConfigKey.TLS_CA_FILE, "/no/such/ca.pem", "/no/such/ca.pem"));
        c.add(new Case(ConfigKey.TLS_CLIENT_CERT_FILE, "/no/such/client.pem", "/no/such/client.pem"));
        c.add(new Case(ConfigKey.TLS_CLIENT_KEY_FILE, "/no/such/client-key.pem", "/no/such/client-key.pem"));
        c.add(new Case(ConfigKey.BUFFER_DIRECTORY, "/dev/null", "/dev/null"));
        c.add(new Case(ConfigKey.METRICS_RUNTIME_ENABLED, "maybe", "maybe"));
        c.add(new Case(ConfigKey.TRACES_SAMPLER, "sometimes", "sometimes"));
        c.add(new Case(ConfigKey.TRACES_SAMPLER_ARG, "half", "half"));
        c.add(new Case(ConfigKey.TRACES_SAMPLER_ARG, "1.5", "1.5"));
        c.add(new Case(ConfigKey.PROPAGATORS, "tracecontext,jaeger", "tracecontext,jaeger"));
        c.add(new Case(ConfigKey.EXEMPLARS_ENABLED, "enabled", "enabled"));
        c.add(new Case(ConfigKey.API_V2, "v3", "v3"));
        c.add(new Case(ConfigKey.QUERY_ENDPOINT, "ftp://query.example.com", "ftp://query.example.com"));
        c.add(new Case(ConfigKey.QUERY_ENDPOINT, "not a uri", "not a uri"));
        c.add(new Case(ConfigKey.QUERY_ENDPOINT, "/relative/path", "/relative/path"));
        c.add(new Case(ConfigKey.QUERY_ENDPOINT, "ftp://tfk_abc:" + SECRET + "@q.example.com", "****@q.example.com"));
        c.add(new Case(ConfigKey.JAXRS_ENABLED, "sure", "sure"));
        c.add(new Case(ConfigKey.LOGS_JUL_ENABLED, "nope", "nope"));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badValueIsRejectedNamingTheKeyWithoutTheSecret(Case c) {
        Map<String, String> values = validMap();
        values.put(c.key().key(), c.value());
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class, () -> parse(values));

        assertThat(e).as("expected a TelemetryConfigException").isNotNull();
        assertThat(e.problems()).singleElement().asString().startsWith(c.key().key());
        assertThat(e.getMessage()).contains(c.key().key());
        if (c.shown() != null) {
            assertThat(e.getMessage()).contains(c.shown());
        }
        assertNoSecret(e.getMessage(), SECRET);
        if (c.key() == ConfigKey.API_KEY_SECRET) {
            assertNoSecret(e.getMessage(), c.value());
        }
    }

    @Test
    void theStandardOtelNamesAreFallbacksOfSamplerAndPropagators() {
        Map<String, String> values = validMap();
        values.put("otel.traces.sampler", "parentbased_traceidratio");
        values.put("otel.traces.sampler.arg", "0.1");
        values.put("otel.propagators", "b3,tracecontext");
        TelemetryConfig fallback = parse(values);
        assertThat(fallback.sampling()).isEqualTo(Sampling.PARENTBASED_TRACEIDRATIO);
        assertThat(fallback.samplingRatio()).isEqualTo(0.1);
        assertThat(fallback.propagators()).containsExactly(Propagation.TRACECONTEXT, Propagation.B3);

        values.put(ConfigKey.TRACES_SAMPLER.key(), "always_off"); // our key wins
        assertThat(parse(values).sampling()).isEqualTo(Sampling.ALWAYS_OFF);
        assertThat(parse(validMap()).propagators()).containsExactly(Propagation.TRACECONTEXT, Propagation.BAGGAGE);
    }

    @Test
    void aMissingKeyIsRequiredAndABadOneQuotesWhatItGot() {
        Map<String, String> values = validMap();
        values.remove(ConfigKey.SERVICE_NAME.key());
        values.put(ConfigKey.TIMEOUT.key(), "soon");
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class, () -> parse(values));

        assertThat(e.getMessage()).startsWith("TelemetryFlow configuration is invalid (2 problems):");
        assertThat(e.problems()).containsExactlyInAnyOrder(
            "telemetryflow.timeout: got 'soon'; allowed " + ConfigKey.TIMEOUT.allowed(),
            "telemetryflow.service-name is required: " + ConfigKey.SERVICE_NAME.allowed());
    }

    @Test
    void histogramBucketsAreReadPerNameFromThePropertyNames() {
        Map<String, String> values = validMap();
        values.put("telemetryflow.metrics.histogram.order.value.buckets", "1, 10,100");
        values.put("telemetryflow.metrics.histogram.aggregation", "base2_exponential");
        values.put("TELEMETRYFLOW_ATTRIBUTES_TEAM", "from-env");
        values.put("telemetryflow.attributes.team", "payments"); // the dotted name wins
        TelemetryConfig config = TelemetryConfigParser.parseProperties(values::get, values.keySet(), null);

        assertThat(config.histogramBuckets()).containsOnly(Map.entry("order.value", List.of(1.0, 10.0, 100.0)));
        assertThat(config.histogramAggregation()).isEqualTo(HistogramAggregation.BASE2_EXPONENTIAL);
        assertThat(config.attributes()).containsOnly(Map.entry("team", "payments"));
        assertThat(config.toString()).contains("histogramBuckets={order.value=[1.0, 10.0, 100.0]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,ten,100", "10,1", "1,1", "1,Infinity", " "})
    void badHistogramBucketsNameTheirKey(String text) {
        Map<String, String> values = validMap();
        values.put("telemetryflow.metrics.histogram.order.value.buckets", text);
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class,
            () -> TelemetryConfigParser.parseProperties(values::get, values.keySet(), null));

        assertThat(e).as("expected a TelemetryConfigException").isNotNull();
        assertThat(e.problems()).singleElement().asString()
            .startsWith("telemetryflow.metrics.histogram.order.value.buckets: got").contains("allowed");
    }

    @Test
    void everyConfigKeyHasABadValueCase() {
        Set<ConfigKey> covered = cases().stream().map(Case::key).collect(Collectors.toSet());
        // the query credentials are checked as a pair, in SiblingConfigNamesTest and BadInputCorpusTest
        covered.addAll(EnumSet.of(ConfigKey.QUERY_TOKEN, ConfigKey.QUERY_EMAIL, ConfigKey.QUERY_PASSWORD));
        assertThat(covered).containsExactlyInAnyOrder(ConfigKey.values());
    }

    @Test
    void parseProblemsNameTheAllowedValues() {
        Map<String, String> values = validMap();
        values.put(ConfigKey.PROTOCOL.key(), "udp");
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class, () -> parse(values));
        assertThat(e.getMessage()).contains("telemetryflow.protocol: got 'udp'").contains("grpc or http");
    }

    @Test
    void multipleProblemsAreReportedInOneException() {
        Map<String, String> values = validMap();
        values.put(ConfigKey.API_KEY_SECRET.key(), "SUPERSECRET_123");
        values.put(ConfigKey.PROTOCOL.key(), "udp");
        values.put(ConfigKey.TIMEOUT.key(), "soon");
        values.put(ConfigKey.BATCH_MAX_SIZE.key(), "0");
        values.put(ConfigKey.SIGNALS_LOGS.key(), "maybe");
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class, () -> parse(values));
        assertThat(e.problems()).hasSize(5);
        assertThat(e.getMessage()).contains("(5 problems)");
        for (ConfigKey key : List.of(ConfigKey.API_KEY_SECRET, ConfigKey.PROTOCOL, ConfigKey.TIMEOUT,
            ConfigKey.BATCH_MAX_SIZE, ConfigKey.SIGNALS_LOGS)) {
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(key.key()));
        }
        assertNoSecret(e.getMessage(), "SUPERSECRET_123");
    }

    @Test
    void aValueThatFailsToParseIsReportedOnce() {
        Map<String, String> values = validMap();
        values.put(ConfigKey.RETRY_MAX_RETRIES.key(), "three");
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class, () -> parse(values));
        assertThat(e.problems()).hasSize(1);
    }

    @Test
    void aSecretPastedIntoAnotherKeyIsScrubbed() {
        Map<String, String> values = validMap();
        values.put(ConfigKey.PROTOCOL.key(), SECRET);
        values.put(ConfigKey.SERVICE_VERSION.key(), " ");
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class, () -> parse(values));
        assertThat(e.getMessage()).contains(ConfigKey.PROTOCOL.key());
        assertNoSecret(e.getMessage(), SECRET);
    }

    @Test
    void disabledNeedsNoCredentialsAndIgnoresEveryOtherKey() {
        Map<String, String> values = new HashMap<>();
        values.put(ConfigKey.ENABLED.key(), " FALSE ");
        values.put(ConfigKey.PROTOCOL.key(), "udp");
        values.put(ConfigKey.TIMEOUT.key(), "soon");
        values.put(ConfigKey.API_KEY_SECRET.key(), "oops");
        TelemetryConfig config = parse(values);
        assertThat(config.enabled()).isFalse();
        assertThat(config.credentials()).isNull();
    }

    @Test
    void missingCredentialsAreRequiredWhenEnabled() {
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class,
            () -> parse(Map.of(ConfigKey.SERVICE_NAME.key(), "orders")));
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).contains(ConfigKey.API_KEY_ID.key()).contains(ConfigKey.API_KEY_SECRET.key());
    }

    @Test
    void plaintextToARemoteHostIsAcceptedOnlyWithInsecure() {
        Map<String, String> values = validMap();
        values.put(ConfigKey.ENDPOINT.key(), "http://collector.example.com:4318");
        values.put(ConfigKey.INSECURE.key(), "true");
        assertThat(parse(values).endpoint()).isEqualTo(URI.create("http://collector.example.com:4318"));
    }

    @Test
    void absentKeysTakeTheirDocumentedDefaults() {
        TelemetryConfig c = parse(validMap());
        assertThat(c.endpoint()).isEqualTo(URI.create("https://" + ConfigKey.ENDPOINT.defaultValue()));
        assertThat(c.protocol()).isEqualTo(Protocol.GRPC);
        assertThat(c.insecure()).isFalse();
        assertThat(c.timeout()).isEqualTo(Durations.parse(ConfigKey.TIMEOUT.defaultValue()));
        assertThat(c.compression()).isTrue();
        assertThat(c.retryEnabled()).isTrue();
        assertThat(c.maxRetries()).isEqualTo(3);
        assertThat(c.retryBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.serviceVersion()).isEqualTo("1.0.0");
        assertThat(c.serviceNamespace()).isEqualTo("telemetryflow");
        assertThat(c.environment()).isEqualTo("production");
        assertThat(c.collectorId()).isEmpty();
        assertThat(c.signals()).containsExactlyInAnyOrder(SignalType.values());
        assertThat(c.batchTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.batchMaxSize()).isEqualTo(512);
        assertThat(c.maxQueueSize()).isEqualTo(2048);
        assertThat(c.maxOpenSpans()).isEqualTo(10_000);
        assertThat(c.exemplarsEnabled()).isTrue();
        assertThat(c.apiV2()).isTrue();
        assertThat(c.queryEndpoint()).isNull();
        assertThat(c.jaxrsEnabled()).isTrue();
        assertThat(c.julEnabled()).isFalse();
    }

    @Test
    void everyKeyIsParsed() {
        Map<String, String> values = validMap();
        values.put(ConfigKey.ENDPOINT.key(), "collector.example.com:4318");
        values.put(ConfigKey.PROTOCOL.key(), "HTTP");
        values.put(ConfigKey.INSECURE.key(), "TRUE");
        values.put(ConfigKey.TIMEOUT.key(), "500ms");
        values.put(ConfigKey.COMPRESSION.key(), "none");
        values.put(ConfigKey.RETRY_ENABLED.key(), "false");
        values.put(ConfigKey.RETRY_MAX_RETRIES.key(), " 1 ");
        values.put(ConfigKey.RETRY_BACKOFF.key(), "PT2S");
        values.put(ConfigKey.SERVICE_VERSION.key(), "2.1.0");
        values.put(ConfigKey.SERVICE_NAMESPACE.key(), "shop");
        values.put(ConfigKey.ENVIRONMENT.key(), "staging");
        values.put(ConfigKey.COLLECTOR_ID.key(), " col-1 ");
        values.put(ConfigKey.SIGNALS_METRICS.key(), "false");
        values.put(ConfigKey.SIGNALS_LOGS.key(), "true");
        values.put(ConfigKey.SIGNALS_TRACES.key(), "false");
        values.put(ConfigKey.BATCH_TIMEOUT.key(), "2m");
        values.put(ConfigKey.BATCH_MAX_SIZE.key(), "100");
        values.put(ConfigKey.BATCH_MAX_QUEUE_SIZE.key(), "1000");
        values.put(ConfigKey.SPANS_MAX_OPEN.key(), "50");
        values.put(ConfigKey.EXEMPLARS_ENABLED.key(), "false");
        values.put(ConfigKey.API_V2.key(), "false");
        values.put(ConfigKey.QUERY_ENDPOINT.key(), "https://api.example.com");
        values.put(ConfigKey.QUERY_TOKEN.key(), "jwt-token-value");
        values.put(ConfigKey.JAXRS_ENABLED.key(), "false");
        values.put(ConfigKey.LOGS_JUL_ENABLED.key(), "true");
        TelemetryConfig c = TelemetryConfigParser.parse(values::get, Map.of("team", "payments"), null);

        assertThat(c.endpoint()).isEqualTo(URI.create("http://collector.example.com:4318"));
        assertThat(c.protocol()).isEqualTo(Protocol.HTTP);
        assertThat(c.insecure()).isTrue();
        assertThat(c.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.compression()).isFalse();
        assertThat(c.retryEnabled()).isFalse();
        assertThat(c.maxRetries()).isEqualTo(1);
        assertThat(c.retryBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.serviceVersion()).isEqualTo("2.1.0");
        assertThat(c.serviceNamespace()).isEqualTo("shop");
        assertThat(c.environment()).isEqualTo("staging");
        assertThat(c.collectorId()).isEqualTo("col-1");
        assertThat(c.signals()).containsExactly(SignalType.LOGS);
        assertThat(c.batchTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.batchMaxSize()).isEqualTo(100);
        assertThat(c.maxQueueSize()).isEqualTo(1000);
        assertThat(c.maxOpenSpans()).isEqualTo(50);
        assertThat(c.exemplarsEnabled()).isFalse();
        assertThat(c.apiV2()).isFalse();
        assertThat(c.queryEndpoint()).isEqualTo(URI.create("https://api.example.com"));
        assertThat(c.jaxrsEnabled()).isFalse();
        assertThat(c.julEnabled()).isTrue();
        assertThat(c.attributes()).containsExactly(Map.entry("team", "payments"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "GRPC", " grpc "})
    void protocolIsCaseInsensitive(String text) {
        Map<String, String> values = validMap();
        values.put(ConfigKey.PROTOCOL.key(), text);
        assertThat(parse(values).protocol()).isEqualTo(Protocol.GRPC);
    }

    @Test
    void serviceNameFallsBackToOtelServiceName() {
        Map<String, String> values = validMap();
        values.remove(ConfigKey.SERVICE_NAME.key());
        assertThat(TelemetryConfigParser.parse(values::get, null, "from-otel").serviceName()).isEqualTo("from-otel");
        values.put(ConfigKey.SERVICE_NAME.key(), " ");
        assertThat(TelemetryConfigParser.parse(values::get, null, "from-otel").serviceName()).isEqualTo("from-otel");
        values.put(ConfigKey.SERVICE_NAME.key(), "explicit");
        assertThat(TelemetryConfigParser.parse(values::get, null, "from-otel").serviceName()).isEqualTo("explicit");
    }

    @Test
    void environmentVariableNamesFollowMicroProfileConfig() {
        assertThat(ConfigKey.API_KEY_ID.envName()).isEqualTo("TELEMETRYFLOW_API_KEY_ID");
        assertThat(ConfigKey.RETRY_MAX_RETRIES.envName()).isEqualTo("TELEMETRYFLOW_RETRY_MAX_RETRIES");
        assertThat(ConfigKey.API_V2.envName()).isEqualTo("TELEMETRYFLOW_API_V2");
        assertThat(ConfigKey.EXEMPLARS_ENABLED.envName()).isEqualTo("TELEMETRYFLOW_EXEMPLARS_ENABLED");
        Set<ConfigKey> secret = EnumSet.noneOf(ConfigKey.class);
        for (ConfigKey k : ConfigKey.values()) {
            if (k.isSecret()) {
                secret.add(k);
            }
        }
        assertThat(secret).containsExactlyInAnyOrder(ConfigKey.API_KEY_SECRET, ConfigKey.QUERY_TOKEN,
            ConfigKey.QUERY_PASSWORD);
    }
}
