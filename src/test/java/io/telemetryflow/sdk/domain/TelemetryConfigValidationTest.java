package io.telemetryflow.sdk.domain;

import static io.telemetryflow.sdk.domain.SecretAssertions.SECRET;
import static io.telemetryflow.sdk.domain.SecretAssertions.assertNoSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per bad input through {@link TelemetryConfigBuilder} (the typed path behind
 * {@code TelemetryClient.builder()}): each names its key and never reveals the secret.
 */
class TelemetryConfigValidationTest {

    /** A bad input: which key it is about, how to set it, and how many problems it yields. */
    record Case(String name, ConfigKey key, Consumer<TelemetryConfigBuilder> mutate, int problems) {
        Case(String name, ConfigKey key, Consumer<TelemetryConfigBuilder> mutate) {
            this(name, key, mutate, 1);
        }

        @Override
        public String toString() {
            return key.key() + ": " + name;
        }
    }

    /** A configuration that is valid; every case breaks exactly one thing of it. */
    static TelemetryConfigBuilder valid() {
        return TelemetryConfig.builder()
            .apiKey("tfk_abc", SECRET)
            .endpoint("collector.example.com:4317")
            .serviceName("orders");
    }

    /** Keys whose builder setter is a plain boolean: no value of them is invalid in the typed builder. */
    static final Set<ConfigKey> BOOLEAN_KEYS = EnumSet.of(ConfigKey.ENABLED, ConfigKey.INSECURE,
        ConfigKey.COMPRESSION, ConfigKey.RETRY_ENABLED, ConfigKey.SIGNALS_METRICS, ConfigKey.SIGNALS_LOGS,
        ConfigKey.SIGNALS_TRACES, ConfigKey.EXEMPLARS_ENABLED, ConfigKey.METRICS_SELF_ENABLED, ConfigKey.METRICS_RUNTIME_ENABLED, ConfigKey.HEALTH_ENABLED,
        ConfigKey.API_V2,
        ConfigKey.JAXRS_ENABLED,
        ConfigKey.LOGS_JUL_ENABLED,
        // set through QueryCredentials, whose factories reject blank values themselves
        ConfigKey.QUERY_TOKEN, ConfigKey.QUERY_EMAIL, ConfigKey.QUERY_PASSWORD);

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("missing id", ConfigKey.API_KEY_ID, b -> b.apiKey(null, SECRET)));
        c.add(new Case("blank id", ConfigKey.API_KEY_ID, b -> b.apiKey("  ", SECRET)));
        c.add(new Case("id without prefix", ConfigKey.API_KEY_ID, b -> b.apiKey("key_abc", SECRET)));
        c.add(new Case("id prefix only", ConfigKey.API_KEY_ID, b -> b.apiKey("tfk_", SECRET)));
        c.add(new Case("id with space", ConfigKey.API_KEY_ID, b -> b.apiKey("tfk_a b", SECRET)));
        c.add(new Case("secret as id (swapped)", ConfigKey.API_KEY_ID, b -> b.apiKey(SECRET, SECRET)));
        c.add(new Case("missing secret", ConfigKey.API_KEY_SECRET, b -> b.apiKey("tfk_abc", null)));
        c.add(new Case("blank secret", ConfigKey.API_KEY_SECRET, b -> b.apiKey("tfk_abc", " ")));
        c.add(new Case("secret without prefix", ConfigKey.API_KEY_SECRET, b -> b.apiKey("tfk_abc", "SUPERSECRET_123")));
        c.add(new Case("secret with space", ConfigKey.API_KEY_SECRET, b -> b.apiKey("tfk_abc", "tfs_SUPER SECRET_123")));
        c.add(new Case("null endpoint", ConfigKey.ENDPOINT, b -> b.endpoint(null)));
        c.add(new Case("blank endpoint", ConfigKey.ENDPOINT, b -> b.endpoint(" ")));
        c.add(new Case("ftp scheme", ConfigKey.ENDPOINT, b -> b.endpoint("ftp://collector.example.com:21")));
        c.add(new Case("port too large", ConfigKey.ENDPOINT, b -> b.endpoint("collector.example.com:99999")));
        c.add(new Case("port zero", ConfigKey.ENDPOINT, b -> b.endpoint("collector.example.com:0")));
        c.add(new Case("with path", ConfigKey.ENDPOINT, b -> b.endpoint("https://collector.example.com:4317/v1/traces")));
        c.add(new Case("with query", ConfigKey.ENDPOINT, b -> b.endpoint("collector.example.com:4317?x=1")));
        c.add(new Case("with space", ConfigKey.ENDPOINT, b -> b.endpoint("collector .example.com:4317")));
        c.add(new Case("no host", ConfigKey.ENDPOINT, b -> b.endpoint("https://:4317")));
        c.add(new Case("with credentials", ConfigKey.ENDPOINT,
            b -> b.endpoint("https://tfk_abc:" + SECRET + "@collector.example.com:4317")));
        c.add(new Case("plaintext to remote host", ConfigKey.ENDPOINT, b -> b.endpoint("http://collector.example.com:4317")));
        c.add(new Case("null protocol", ConfigKey.PROTOCOL, b -> b.protocol(null)));
        c.add(new Case("null histogram aggregation", ConfigKey.METRICS_HISTOGRAM_AGGREGATION,
            b -> b.histogramAggregation(null)));
        c.add(new Case("null sampler", ConfigKey.TRACES_SAMPLER, b -> b.sampling(null, 1.0)));
        c.add(new Case("ratio above 1", ConfigKey.TRACES_SAMPLER_ARG, b -> b.sampling(Sampling.TRACEIDRATIO, 1.5)));
        c.add(new Case("NaN ratio", ConfigKey.TRACES_SAMPLER_ARG, b -> b.sampling(Sampling.TRACEIDRATIO, Double.NaN)));
        c.add(new Case("null propagators", ConfigKey.PROPAGATORS, b -> b.propagators(null)));
        c.add(new Case("no attributes", ConfigKey.LIMITS_ATTRIBUTES, b -> b.limits(0, 8192, 128, 128, 65536)));
        c.add(new Case("tiny values", ConfigKey.LIMITS_ATTRIBUTE_LENGTH, b -> b.limits(128, 1, 128, 128, 65536)));
        c.add(new Case("negative events", ConfigKey.LIMITS_SPAN_EVENTS, b -> b.limits(128, 8192, -1, 128, 65536)));
        c.add(new Case("negative links", ConfigKey.LIMITS_SPAN_LINKS, b -> b.limits(128, 8192, 128, -1, 65536)));
        c.add(new Case("tiny bodies", ConfigKey.LIMITS_LOG_BODY_LENGTH, b -> b.limits(128, 8192, 128, 128, 1)));
        c.add(new Case("no series", ConfigKey.METRICS_CARDINALITY_LIMIT, b -> b.cardinalityLimit(0)));
        c.add(new Case("buffer directory that is a file", ConfigKey.BUFFER_DIRECTORY, b -> b.bufferDirectory(java.nio.file.Path.of("/dev/null"))));
        c.add(new Case("missing CA file", ConfigKey.TLS_CA_FILE, b -> b.tlsCa(java.nio.file.Path.of("/no/such/ca.pem"))));
        c.add(new Case("missing client certificate file", ConfigKey.TLS_CLIENT_CERT_FILE,
            b -> b.tlsClient(java.nio.file.Path.of("/no/such/client.pem"), null)));
        c.add(new Case("missing client key file", ConfigKey.TLS_CLIENT_KEY_FILE,
            b -> b.tlsClient(null, java.nio.file.Path.of("/no/such/client-key.pem"))));
        c.add(new Case("null timeout", ConfigKey.TIMEOUT, b -> b.timeout(null)));
        c.add(new Case("zero timeout", ConfigKey.TIMEOUT, b -> b.timeout(Duration.ZERO)));
        c.add(new Case("negative timeout", ConfigKey.TIMEOUT, b -> b.timeout(Duration.ofSeconds(-1))));
        c.add(new Case("negative retries", ConfigKey.RETRY_MAX_RETRIES, b -> b.retry(true, -1, Duration.ofSeconds(1))));
        c.add(new Case("too many retries", ConfigKey.RETRY_MAX_RETRIES, b -> b.retry(true, 5, Duration.ofSeconds(1))));
        c.add(new Case("zero backoff", ConfigKey.RETRY_BACKOFF, b -> b.retry(true, 3, Duration.ZERO)));
        c.add(new Case("null backoff", ConfigKey.RETRY_BACKOFF, b -> b.retry(true, 3, null)));
        c.add(new Case("null service name", ConfigKey.SERVICE_NAME, b -> b.serviceName(null)));
        c.add(new Case("blank service name", ConfigKey.SERVICE_NAME, b -> b.serviceName(" ")));
        c.add(new Case("blank version", ConfigKey.SERVICE_VERSION, b -> b.serviceVersion(" ")));
        c.add(new Case("null version", ConfigKey.SERVICE_VERSION, b -> b.serviceVersion(null)));
        c.add(new Case("empty namespace", ConfigKey.SERVICE_NAMESPACE, b -> b.serviceNamespace("")));
        c.add(new Case("blank environment", ConfigKey.ENVIRONMENT, b -> b.environment("\t")));
        c.add(new Case("control character", ConfigKey.COLLECTOR_ID, b -> b.collectorId("col\n1")));
        c.add(new Case("control character", ConfigKey.COLLECTOR_NAME, b -> b.collectorName("edge\r\n1")));
        c.add(new Case("control character", ConfigKey.COLLECTOR_HOSTNAME, b -> b.collectorHostname("h\u0000")));
        c.add(new Case("blank", ConfigKey.DATACENTER, b -> b.datacenter(" ")));
        c.add(new Case("negative", ConfigKey.BUFFER_MAX_ITEMS, b -> b.retryBuffer(-1, 1 << 20)));
        c.add(new Case("too small", ConfigKey.BUFFER_MAX_BYTES, b -> b.retryBuffer(100, 10)));
        c.add(new Case("ftp", ConfigKey.TRACES_ENDPOINT, b -> b.signalEndpoint(SignalType.TRACES, "ftp://t.example.com")));
        c.add(new Case("plaintext", ConfigKey.METRICS_ENDPOINT,
            b -> b.signalEndpoint(SignalType.METRICS, "http://m.example.com:4317")));
        c.add(new Case("bad port", ConfigKey.LOGS_ENDPOINT, b -> b.signalEndpoint(SignalType.LOGS, "l.example.com:0")));
        c.add(new Case("endpoint without credentials", ConfigKey.QUERY_ENDPOINT,
            b -> b.queryEndpoint(URI.create("https://core.example.com")).queryCredentials(null)));
        c.add(new Case("zero batch timeout", ConfigKey.BATCH_TIMEOUT, b -> b.batch(Duration.ZERO, 512)));
        c.add(new Case("null batch timeout", ConfigKey.BATCH_TIMEOUT, b -> b.batch(null, 512)));
        c.add(new Case("zero batch size", ConfigKey.BATCH_MAX_SIZE, b -> b.batch(Duration.ofSeconds(1), 0)));
        c.add(new Case("huge batch size", ConfigKey.BATCH_MAX_SIZE,
            b -> b.batch(Duration.ofSeconds(1), 100_001).maxQueueSize(200_000)));
        c.add(new Case("zero queue", ConfigKey.BATCH_MAX_QUEUE_SIZE, b -> b.maxQueueSize(0)));
        c.add(new Case("huge queue", ConfigKey.BATCH_MAX_QUEUE_SIZE, b -> b.maxQueueSize(10_000_001)));
        c.add(new Case("queue below batch size", ConfigKey.BATCH_MAX_QUEUE_SIZE, b -> b.maxQueueSize(100)));
        c.add(new Case("zero open spans", ConfigKey.SPANS_MAX_OPEN, b -> b.maxOpenSpans(0)));
        c.add(new Case("negative open spans", ConfigKey.SPANS_MAX_OPEN, b -> b.maxOpenSpans(-5)));
        c.add(new Case("relative", ConfigKey.QUERY_ENDPOINT, b -> b.queryEndpoint(URI.create("api/v1"))));
        c.add(new Case("ftp", ConfigKey.QUERY_ENDPOINT, b -> b.queryEndpoint(URI.create("ftp://q.example.com"))));
        c.add(new Case("with credentials", ConfigKey.QUERY_ENDPOINT,
            b -> b.queryEndpoint(URI.create("https://tfk_abc:" + SECRET + "@q.example.com"))));
        c.add(new Case("ftp with credentials", ConfigKey.QUERY_ENDPOINT,
            b -> b.queryEndpoint(URI.create("ftp://tfk_abc:" + SECRET + "@q.example.com"))));
        c.add(new Case("with query string", ConfigKey.QUERY_ENDPOINT,
            b -> b.queryEndpoint(URI.create("https://q.example.com/api?token=abc"))));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRejectedNamingTheKeyWithoutTheSecret(Case c) {
        TelemetryConfigBuilder b = valid();
        c.mutate().accept(b);
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class, b::build);

        assertThat(e).as("expected a TelemetryConfigException").isNotNull();
        assertThat(e.problems()).hasSize(c.problems());
        assertThat(e.problems().get(0)).startsWith(c.key().key());
        assertThat(e.getMessage()).contains(c.key().key());
        assertNoSecret(e.getMessage(), SECRET);
        assertNoSecret(String.join("\n", e.problems()), SECRET);
    }

    @Test
    void mutualTlsNeedsTheCertificateAndTheKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws java.io.IOException {
        java.nio.file.Path cert = java.nio.file.Files.writeString(dir.resolve("client.pem"), "-----BEGIN CERTIFICATE-----");
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class,
            () -> valid().tlsClient(cert, null).build());
        assertThat(e.problems()).singleElement().asString()
            .startsWith("telemetryflow.tls.client-key-file is required for mutual TLS");
    }

    @Test
    void everyNonBooleanKeyHasABuilderCase() {
        Set<ConfigKey> covered = cases().stream().map(Case::key).collect(Collectors.toSet());
        for (ConfigKey key : ConfigKey.values()) {
            if (!BOOLEAN_KEYS.contains(key)) {
                assertThat(covered).as("a bad builder input for %s", key.key()).contains(key);
            }
        }
    }

    @Test
    void customAttributeNeedsKeyAndValue() {
        for (Consumer<TelemetryConfigBuilder> bad : List.<Consumer<TelemetryConfigBuilder>>of(
            b -> b.attribute(" ", "v"), b -> b.attribute("team", null), b -> b.attribute(null, "v"))) {
            TelemetryConfigBuilder b = valid();
            bad.accept(b);
            TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class, b::build);
            assertThat(e.problems()).singleElement().asString().startsWith(ConfigKey.ATTRIBUTES_PREFIX);
            assertNoSecret(e.getMessage(), SECRET);
        }
    }

    @Test
    void theMessageNamesTheBadValueAndWhatIsAllowed() {
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class,
            () -> valid().batch(Duration.ofSeconds(1), 0).build());
        assertThat(e.getMessage()).contains("telemetryflow.batch.max-size: got '0'")
            .contains(ConfigKey.BATCH_MAX_SIZE.allowed());
        e = catchThrowableOfType(TelemetryConfigException.class, () -> valid().endpoint("ftp://c.example.com").build());
        assertThat(e.getMessage()).contains("telemetryflow.endpoint: got 'ftp://c.example.com'")
            .contains(ConfigKey.ENDPOINT.allowed());
    }

    @Test
    void credentialsInAnEndpointAreMasked() {
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class,
            () -> valid().endpoint("https://tfk_abc:" + SECRET + "@collector.example.com:4317").build());
        assertThat(e.getMessage()).contains("****@collector.example.com:4317");
        assertNoSecret(e.getMessage(), SECRET);
    }

    @Test
    void multipleProblemsAreReportedInOneException() {
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class, () -> valid()
            .apiKey("key_1", "SUPERSECRET_123")
            .protocol(null)
            .timeout(Duration.ZERO)
            .batch(Duration.ofSeconds(1), 0)
            .serviceName(" ")
            .build());
        assertThat(e.problems()).hasSize(6);
        assertThat(e.getMessage()).contains("(6 problems)");
        for (ConfigKey key : List.of(ConfigKey.API_KEY_ID, ConfigKey.API_KEY_SECRET, ConfigKey.PROTOCOL,
            ConfigKey.TIMEOUT, ConfigKey.BATCH_MAX_SIZE, ConfigKey.SERVICE_NAME)) {
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(key.key()));
        }
        assertNoSecret(e.getMessage(), "SUPERSECRET_123");
    }

    @Test
    void aSecretPastedIntoAnotherKeyIsScrubbed() {
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class,
            () -> valid().endpoint("ftp://" + SECRET).build());
        assertThat(e.getMessage()).contains(ConfigKey.ENDPOINT.key());
        assertNoSecret(e.getMessage(), SECRET);
    }

    @Test
    void disabledConfigurationNeedsNoCredentialsAndIsNotValidated() {
        TelemetryConfig config = TelemetryConfig.builder().enabled(false).endpoint("ftp://nope").timeout(null)
            .batch(Duration.ZERO, -1).build();
        assertThat(config.enabled()).isFalse();
        assertThat(config.credentials()).isNull();
        assertThat(TelemetryConfig.disabled().enabled()).isFalse();
        assertThat(TelemetryConfig.disabled().toString()).isEqualTo("TelemetryConfig{enabled=false}");
    }

    @Test
    void plaintextToARemoteHostNeedsInsecure() {
        TelemetryConfigException e = catchThrowableOfType(TelemetryConfigException.class,
            () -> valid().endpoint("http://collector.example.com:4317").build());
        assertThat(e.getMessage()).contains(ConfigKey.ENDPOINT.key()).contains("plaintext")
            .contains(ConfigKey.INSECURE.key());

        TelemetryConfig insecure = valid().endpoint("http://collector.example.com:4317").insecure(true).build();
        assertThat(insecure.endpoint()).isEqualTo(URI.create("http://collector.example.com:4317"));
        assertThat(insecure.tls()).isFalse();
        assertThat(insecure.isLoopbackEndpoint()).isFalse();

        for (String loopback : List.of("http://localhost:4317", "http://127.0.0.1:4317", "http://[::1]:4317")) {
            assertThatCode(() -> valid().endpoint(loopback).build()).as(loopback).doesNotThrowAnyException();
            assertThat(valid().endpoint(loopback).build().isLoopbackEndpoint()).as(loopback).isTrue();
        }
    }

    @Test
    void endpointWithoutSchemeUsesTlsUnlessInsecureAndTheProtocolsDefaultPort() {
        TelemetryConfig tls = valid().endpoint("collector.example.com:4317").build();
        assertThat(tls.endpoint()).isEqualTo(URI.create("https://collector.example.com:4317"));
        assertThat(tls.tls()).isTrue();
        assertThat(valid().endpoint("collector.example.com").insecure(true).build().endpoint())
            .isEqualTo(URI.create("http://collector.example.com:4317"));
        assertThat(valid().endpoint("collector.example.com").protocol(Protocol.HTTP).build().endpoint())
            .isEqualTo(URI.create("https://collector.example.com:4318"));
        assertThat(valid().endpoint("https://collector.example.com:4317/").build().endpoint())
            .isEqualTo(URI.create("https://collector.example.com:4317"));
    }

    @Test
    void retryBackoffIsNotCheckedWhenRetryIsOff() {
        assertThatCode(() -> valid().retry(false, 0, Duration.ZERO).build()).doesNotThrowAnyException();
    }

    @Test
    void autoCompressionIsGzipOnGrpcToARemoteHostOnly() {
        assertThat(valid().endpoint("collector.example.com:4317").build().compression()).as("remote gRPC").isTrue();
        assertThat(valid().endpoint("collector.example.com:4318").protocol(Protocol.HTTP).build().compression())
            .as("remote HTTP: the collector reads HTTP bodies raw").isFalse();
        for (String loopback : new String[] {"localhost:4317", "127.0.0.1:4317", "127.0.0.2:4317", "[::1]:4317"}) {
            TelemetryConfig c = valid().endpoint(loopback).insecure(true).build();
            assertThat(c.compression()).as("auto to %s", loopback).isFalse();
            assertThat(c.compression(SignalType.TRACES)).as("auto to %s, traces", loopback).isFalse();
        }
        assertThat(valid().endpoint("localhost:4317").insecure(true).compression(true).build().compression())
            .as("an explicit gzip is kept on a loopback host").isTrue();
        assertThat(valid().endpoint("collector.example.com:4317").compression(false).build().compression())
            .as("an explicit none is kept on a remote host").isFalse();
    }

    @Test
    void autoCompressionFollowsEachSignalsOwnEndpoint() {
        TelemetryConfig c = TelemetryConfig.builder().apiKey("tfk_abc", SECRET).serviceName("svc")
            .endpoint("localhost:4317").insecure(true).signalEndpoint(SignalType.TRACES, "https://collector.example.com:4317")
            .build();
        assertThat(c.compression(SignalType.TRACES)).as("traces to a remote host").isTrue();
        assertThat(c.compression(SignalType.METRICS)).as("metrics to the loopback endpoint").isFalse();
        assertThat(c.compression(SignalType.LOGS)).as("logs to the loopback endpoint").isFalse();
    }

    @Test
    void defaultsAreThoseOfTheDesign() {
        TelemetryConfig c = TelemetryConfig.builder().apiKey("tfk_abc", SECRET).serviceName("svc").build();
        assertThat(c.enabled()).isTrue();
        assertThat(c.endpoint()).isEqualTo(URI.create("https://api.telemetryflow.id:4317"));
        assertThat(c.protocol()).isEqualTo(Protocol.GRPC);
        assertThat(c.insecure()).isFalse();
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
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
        assertThat(c.exemplarsEnabled()).isTrue();
        assertThat(c.apiV2()).isTrue();
        assertThat(c.queryEndpoint()).isNull();
        assertThat(c.attributes()).isEmpty();
        assertNoSecret(c.toString(), SECRET);
        assertThat(c.toString()).contains("tfk_abc");
    }

    @Test
    void toBuilderRoundTripsAndConfigIsImmutable() {
        TelemetryConfig c = valid().attribute("team", "payments").signals(true, false, true).build();
        TelemetryConfig copy = c.toBuilder().build();
        assertThat(copy.credentials()).isEqualTo(c.credentials());
        assertThat(copy.endpoint()).isEqualTo(c.endpoint());
        assertThat(copy.attributes()).isEqualTo(c.attributes());
        assertThat(copy.signals()).containsExactlyInAnyOrder(SignalType.METRICS, SignalType.TRACES);
        assertThat(Stream.of(c.attributes(), c.signals())).allSatisfy(coll ->
            assertThat(coll).isNotNull());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.attributes().put("x", "y"))
            .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.signals().add(SignalType.LOGS))
            .isInstanceOf(UnsupportedOperationException.class);
    }
}
