package io.telemetryflow.sdk.domain;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Mutable builder of a {@link TelemetryConfig}, holding every default of DESIGN §4 (each written once,
 * in its {@link ConfigKey}); {@link #build()} validates everything at once.
 */
public final class TelemetryConfigBuilder {
    final Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
    final Map<String, String> attributes = new LinkedHashMap<>();
    final Map<String, List<Double>> histogramBuckets = new LinkedHashMap<>();
    QueryCredentials queryCredentials;

    TelemetryConfigBuilder() {
        for (ConfigKey key : ConfigKey.values()) {
            values.put(key, key.typedDefault()); // the defaults of DESIGN §4, written once in ConfigKey
        }
    }

    /** Sets {@code key} to a value of its kind (package-private: the parser's way in). */
    TelemetryConfigBuilder set(ConfigKey key, Object value) {
        values.put(key, value);
        return this;
    }

    boolean flag(ConfigKey key) {
        return Boolean.TRUE.equals(values.get(key));
    }

    String text(ConfigKey key) {
        return (String) values.get(key);
    }

    /** {@code telemetryflow.enabled}. */
    public TelemetryConfigBuilder enabled(boolean v) { return set(ConfigKey.ENABLED, v); }

    /** {@code telemetryflow.api-key-id} and {@code telemetryflow.api-key-secret}. */
    public TelemetryConfigBuilder apiKey(String keyId, String keySecret) {
        return set(ConfigKey.API_KEY_ID, keyId).set(ConfigKey.API_KEY_SECRET, keySecret);
    }

    /** {@code telemetryflow.endpoint}: {@code host:port} or {@code http(s)://host:port}. */
    public TelemetryConfigBuilder endpoint(String v) { return set(ConfigKey.ENDPOINT, v); }

    /** {@code telemetryflow.<traces|metrics|logs>.endpoint}; {@code null} or blank: the common endpoint. */
    public TelemetryConfigBuilder signalEndpoint(SignalType signal, String v) {
        return set(ConfigKey.signalEndpoint(Objects.requireNonNull(signal, "signal")), v == null || v.isBlank() ? null : v);
    }

    /**
     * {@code telemetryflow.tls.ca-file}: the CA certificate(s) to trust for the collector (PEM);
     * {@code null}: the JVM's trust store.
     */
    public TelemetryConfigBuilder tlsCa(java.nio.file.Path caPem) { return set(ConfigKey.TLS_CA_FILE, caPem); }

    /** {@code telemetryflow.tls.client-cert-file} and {@code .client-key-file}: mutual TLS (PEM, PKCS#8 key). */
    public TelemetryConfigBuilder tlsClient(java.nio.file.Path certificateChainPem, java.nio.file.Path privateKeyPem) {
        return set(ConfigKey.TLS_CLIENT_CERT_FILE, certificateChainPem).set(ConfigKey.TLS_CLIENT_KEY_FILE, privateKeyPem);
    }

    /** {@code telemetryflow.protocol}. */
    public TelemetryConfigBuilder protocol(Protocol v) { return set(ConfigKey.PROTOCOL, v); }

    /** {@code telemetryflow.insecure}. */
    public TelemetryConfigBuilder insecure(boolean v) { return set(ConfigKey.INSECURE, v); }

    /** {@code telemetryflow.timeout}. */
    public TelemetryConfigBuilder timeout(Duration v) { return set(ConfigKey.TIMEOUT, v); }

    /** {@code telemetryflow.compression} ({@code true} = gzip); unset means {@code auto}: gzip only on gRPC to a
     * host that is not a loopback address ({@link TelemetryConfig#compression(SignalType)}). */
    public TelemetryConfigBuilder compression(boolean v) { return set(ConfigKey.COMPRESSION, v); }

    /** {@code telemetryflow.retry.*}. */
    public TelemetryConfigBuilder retry(boolean enabled, int maxRetries, Duration backoff) {
        return set(ConfigKey.RETRY_ENABLED, enabled).set(ConfigKey.RETRY_MAX_RETRIES, maxRetries)
            .set(ConfigKey.RETRY_BACKOFF, backoff);
    }

    /** {@code telemetryflow.service-name}. */
    public TelemetryConfigBuilder serviceName(String v) { return set(ConfigKey.SERVICE_NAME, v); }

    /** {@code telemetryflow.service-version}. */
    public TelemetryConfigBuilder serviceVersion(String v) { return set(ConfigKey.SERVICE_VERSION, v); }

    /** {@code telemetryflow.service-namespace}. */
    public TelemetryConfigBuilder serviceNamespace(String v) { return set(ConfigKey.SERVICE_NAMESPACE, v); }

    /** {@code telemetryflow.environment}. */
    public TelemetryConfigBuilder environment(String v) { return set(ConfigKey.ENVIRONMENT, v); }

    /** {@code telemetryflow.collector-id}. */
    public TelemetryConfigBuilder collectorId(String v) { return set(ConfigKey.COLLECTOR_ID, v); }

    /** {@code telemetryflow.collector-name}. */
    public TelemetryConfigBuilder collectorName(String v) { return set(ConfigKey.COLLECTOR_NAME, v); }

    /** {@code telemetryflow.collector-hostname}. */
    public TelemetryConfigBuilder collectorHostname(String v) { return set(ConfigKey.COLLECTOR_HOSTNAME, v); }

    /** {@code telemetryflow.datacenter}. */
    public TelemetryConfigBuilder datacenter(String v) { return set(ConfigKey.DATACENTER, v); }

    /** {@code telemetryflow.signals.*}. */
    public TelemetryConfigBuilder signals(boolean metrics, boolean logs, boolean traces) {
        return set(ConfigKey.SIGNALS_METRICS, metrics).set(ConfigKey.SIGNALS_LOGS, logs)
            .set(ConfigKey.SIGNALS_TRACES, traces);
    }

    /** {@code telemetryflow.batch.timeout} and {@code telemetryflow.batch.max-size}. */
    public TelemetryConfigBuilder batch(Duration timeout, int maxSize) {
        return set(ConfigKey.BATCH_TIMEOUT, timeout).set(ConfigKey.BATCH_MAX_SIZE, maxSize);
    }

    /** {@code telemetryflow.batch.max-queue-size}. */
    public TelemetryConfigBuilder maxQueueSize(int v) { return set(ConfigKey.BATCH_MAX_QUEUE_SIZE, v); }

    /** {@code telemetryflow.buffer.max-items} and {@code .max-bytes}: the retry buffer of spans and of logs. */
    public TelemetryConfigBuilder retryBuffer(int maxItems, int maxBytes) {
        return set(ConfigKey.BUFFER_MAX_ITEMS, maxItems).set(ConfigKey.BUFFER_MAX_BYTES, maxBytes);
    }

    /**
     * {@code telemetryflow.buffer.directory}: also keep the retry buffer's spans and log records in files under
     * {@code directory} (per service and signal), so that what an outage left unsent is sent after a restart;
     * {@code null}: memory only (the default).
     */
    public TelemetryConfigBuilder bufferDirectory(java.nio.file.Path directory) { return set(ConfigKey.BUFFER_DIRECTORY, directory); }

    /**
     * {@code telemetryflow.limits.*}: attributes per span/event/log record, characters per string attribute
     * value, events and links per span, characters per log body.
     */
    public TelemetryConfigBuilder limits(int attributes, int attributeLength, int spanEvents, int spanLinks,
                                         int logBodyLength) {
        return set(ConfigKey.LIMITS_ATTRIBUTES, attributes).set(ConfigKey.LIMITS_ATTRIBUTE_LENGTH, attributeLength)
            .set(ConfigKey.LIMITS_SPAN_EVENTS, spanEvents).set(ConfigKey.LIMITS_SPAN_LINKS, spanLinks)
            .set(ConfigKey.LIMITS_LOG_BODY_LENGTH, logBodyLength);
    }

    /** {@code telemetryflow.metrics.cardinality-limit}. */
    public TelemetryConfigBuilder cardinalityLimit(int v) { return set(ConfigKey.METRICS_CARDINALITY_LIMIT, v); }

    /** {@code telemetryflow.spans.max-open}. */
    public TelemetryConfigBuilder maxOpenSpans(int v) { return set(ConfigKey.SPANS_MAX_OPEN, v); }

    /** {@code telemetryflow.traces.sampler} and {@code .sampler.arg} (the ratio, used by the traceidratio kinds). */
    public TelemetryConfigBuilder sampling(Sampling sampler, double ratio) {
        return set(ConfigKey.TRACES_SAMPLER, sampler).set(ConfigKey.TRACES_SAMPLER_ARG, ratio);
    }

    /** {@code telemetryflow.propagators}; {@code null} is a problem, an empty set propagates nothing. */
    public TelemetryConfigBuilder propagators(Set<Propagation> v) {
        EnumSet<Propagation> copy = EnumSet.noneOf(Propagation.class);
        if (v != null) {
            copy.addAll(v);
        }
        return set(ConfigKey.PROPAGATORS, v == null ? null : Collections.unmodifiableSet(copy));
    }

    /** {@code telemetryflow.metrics.histogram.aggregation}. */
    public TelemetryConfigBuilder histogramAggregation(HistogramAggregation v) { return set(ConfigKey.METRICS_HISTOGRAM_AGGREGATION, v); }

    /**
     * {@code telemetryflow.metrics.histogram.<name>.buckets}: the explicit bucket boundaries of the
     * histogram {@code name} (finite, strictly ascending); {@code null} removes them.
     */
    public TelemetryConfigBuilder histogramBuckets(String name, List<Double> boundaries) {
        if (boundaries == null) {
            histogramBuckets.remove(name);
        } else {
            histogramBuckets.put(name, Collections.unmodifiableList(new ArrayList<>(boundaries))); // nulls: reported by build()
        }
        return this;
    }

    /** {@code telemetryflow.metrics.runtime.enabled}: the JVM's runtime metrics. */
    public TelemetryConfigBuilder runtimeMetrics(boolean v) { return set(ConfigKey.METRICS_RUNTIME_ENABLED, v); }

    /** {@code telemetryflow.metrics.self.enabled}: OpenTelemetry's own {@code otel.sdk.*} metrics. */
    public TelemetryConfigBuilder selfMetrics(boolean v) { return set(ConfigKey.METRICS_SELF_ENABLED, v); }

    /** {@code telemetryflow.exemplars.enabled}. */
    public TelemetryConfigBuilder exemplars(boolean v) { return set(ConfigKey.EXEMPLARS_ENABLED, v); }

    /** {@code telemetryflow.api.v2}. */
    public TelemetryConfigBuilder apiV2(boolean v) { return set(ConfigKey.API_V2, v); }

    /** {@code telemetryflow.attributes.<key>}. */
    public TelemetryConfigBuilder attribute(String key, String value) {
        attributes.put(key, value);
        return this;
    }

    /** {@code telemetryflow.query.endpoint}. */
    public TelemetryConfigBuilder queryEndpoint(URI v) { return set(ConfigKey.QUERY_ENDPOINT, v); }

    /** {@code telemetryflow.query.token} or {@code .email} + {@code .password}. */
    public TelemetryConfigBuilder queryCredentials(QueryCredentials v) {
        this.queryCredentials = v;
        return this;
    }

    /** {@code telemetryflow.health.enabled}: the MicroProfile Health readiness check. */
    public TelemetryConfigBuilder healthCheck(boolean v) { return set(ConfigKey.HEALTH_ENABLED, v); }

    /** {@code telemetryflow.jaxrs.enabled}. */
    public TelemetryConfigBuilder jaxrsEnabled(boolean v) { return set(ConfigKey.JAXRS_ENABLED, v); }

    /** {@code telemetryflow.logs.jul.enabled}. */
    public TelemetryConfigBuilder julEnabled(boolean v) { return set(ConfigKey.LOGS_JUL_ENABLED, v); }

    /**
     * Validates and builds.
     *
     * @throws TelemetryConfigException listing every invalid option by its key
     */
    public TelemetryConfig build() {
        if (!flag(ConfigKey.ENABLED)) {
            return TelemetryConfig.of(this, null, Map.of());
        }
        List<String> problems = new ArrayList<>();
        URI uri = ConfigValidation.check(values, attributes, queryCredentials, problems);
        ConfigValidation.checkBuckets(histogramBuckets, problems);
        Map<SignalType, URI> perSignal = ConfigValidation.signalEndpoints(values, problems);
        if (!problems.isEmpty()) {
            throw new TelemetryConfigException(ConfigProblems.scrub(problems, text(ConfigKey.API_KEY_SECRET), queryCredentials));
        }
        return TelemetryConfig.of(this, uri, perSignal);
    }
}
