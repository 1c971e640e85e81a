package io.telemetryflow.sdk.domain;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated, immutable configuration of the SDK (aggregate root of the domain).
 *
 * <p>Build it with {@link #builder()} or parse it from configuration text with
 * {@link TelemetryConfigParser}. {@link TelemetryConfigBuilder#build()} checks every option and reports all
 * problems at once in a {@link TelemetryConfigException}, naming the configuration key of each.
 * A disabled configuration ({@code enabled=false}) is not validated: it yields a no-op client.
 *
 * <p>Each option is described once, by its {@link ConfigKey} (kind, default, what is allowed); the
 * values are kept by key, so defaults, validation and {@code toString} follow from that description.
 */
public final class TelemetryConfig {

    private final Map<ConfigKey, Object> values;
    private final Credentials credentials;
    private final URI endpoint;
    private final Map<SignalType, URI> signalEndpoints;
    private final Set<SignalType> signals;
    private final Map<String, String> attributes;
    private final Map<String, List<Double>> histogramBuckets;
    private final QueryCredentials queryCredentials;

    private TelemetryConfig(TelemetryConfigBuilder b, URI endpoint, Map<SignalType, URI> signalEndpoints) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(b.values));
        boolean enabled = b.flag(ConfigKey.ENABLED);
        this.credentials = enabled ? Credentials.of(b.text(ConfigKey.API_KEY_ID), b.text(ConfigKey.API_KEY_SECRET)) : null;
        this.endpoint = endpoint;
        this.signalEndpoints = signalEndpoints.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(signalEndpoints));
        EnumSet<SignalType> s = EnumSet.noneOf(SignalType.class);
        for (SignalType signal : SignalType.values()) {
            if (b.flag(ConfigKey.signalSwitch(signal))) {
                s.add(signal);
            }
        }
        this.signals = Collections.unmodifiableSet(s);
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.histogramBuckets = Collections.unmodifiableMap(new LinkedHashMap<>(b.histogramBuckets));
        this.queryCredentials = b.queryCredentials;
    }

    /** Made by {@link TelemetryConfigBuilder#build()} from its values and the endpoints it resolved. */
    static TelemetryConfig of(TelemetryConfigBuilder b, URI endpoint, Map<SignalType, URI> signalEndpoints) {
        return new TelemetryConfig(b, endpoint, signalEndpoints);
    }

    /** A builder holding every default of DESIGN §4. */
    public static TelemetryConfigBuilder builder() {
        return new TelemetryConfigBuilder();
    }

    /** A configuration that disables the SDK: nothing is validated or exported. */
    public static TelemetryConfig disabled() {
        return builder().enabled(false).build();
    }

    /** A builder pre-filled with this configuration's values. */
    public TelemetryConfigBuilder toBuilder() {
        TelemetryConfigBuilder b = new TelemetryConfigBuilder();
        b.values.putAll(values);
        b.attributes.putAll(attributes);
        b.histogramBuckets.putAll(histogramBuckets);
        b.queryCredentials = queryCredentials;
        return b;
    }

    @SuppressWarnings("unchecked")
    private <T> T get(ConfigKey key) {
        return (T) values.get(key);
    }

    private String text(ConfigKey key) {
        String v = get(key);
        return v == null ? "" : v.trim();
    }

    /** Whether the SDK exports anything; {@code false} means a no-op client. */
    public boolean enabled() { return get(ConfigKey.ENABLED); }

    /** The API key; {@code null} only when disabled. */
    public Credentials credentials() { return credentials; }

    /** The collector endpoint as {@code scheme://host:port} (scheme {@code https} unless insecure). */
    public URI endpoint() { return endpoint; }

    /**
     * The endpoint that {@code signal} is exported to: its own {@code telemetryflow.<signal>.endpoint}
     * if set, else {@link #endpoint()}.
     */
    public URI endpoint(SignalType signal) { return signalEndpoints.getOrDefault(signal, endpoint); }

    /** Whether the endpoint is reached over TLS. */
    public boolean tls() { return endpoint != null && "https".equals(endpoint.getScheme()); }

    /** Whether the endpoint host is a loopback address (plaintext to it needs no {@code insecure}). */
    public boolean isLoopbackEndpoint() { return endpoint != null && EndpointParser.isLoopbackHost(endpoint.getHost()); }

    /** The OTLP transport. */
    public Protocol protocol() { return get(ConfigKey.PROTOCOL); }

    /** The PEM file of the CA certificate(s) trusted for the collector, or {@code null} for the JVM's trust store. */
    public java.nio.file.Path tlsCaFile() { return get(ConfigKey.TLS_CA_FILE); }

    /** The PEM file of the client certificate chain for mutual TLS, or {@code null}. */
    public java.nio.file.Path tlsClientCertFile() { return get(ConfigKey.TLS_CLIENT_CERT_FILE); }

    /** The PEM file of the client's private key for mutual TLS, or {@code null}. */
    public java.nio.file.Path tlsClientKeyFile() { return get(ConfigKey.TLS_CLIENT_KEY_FILE); }

    /** Whether plaintext is allowed (no TLS). */
    public boolean insecure() { return get(ConfigKey.INSECURE); }

    /** Export timeout per request. */
    public Duration timeout() { return get(ConfigKey.TIMEOUT); }

    /**
     * Whether OTLP payloads to {@link #endpoint()} are gzip-compressed; see {@link #compression(SignalType)}.
     */
    public boolean compression() { return compressionTo(endpoint); }

    /**
     * Whether OTLP payloads to {@code signal}'s endpoint are gzip-compressed: as configured, or by
     * default ({@code auto}) where gzip can be decoded and can pay — on gRPC to a host that is not a
     * loopback address. The TelemetryFlow collector does not decode gzip on OTLP/HTTP (PLATFORM §1);
     * to a loopback host (a collector agent beside the application) there is no bandwidth to save,
     * only CPU to spend at both ends (gRPC delivered 0.60 ± 0.05 of its uncompressed rate, bench/RESULTS.md).
     */
    public boolean compression(SignalType signal) { return compressionTo(endpoint(signal)); }

    private boolean compressionTo(URI target) {
        Boolean setting = get(ConfigKey.COMPRESSION);
        if (setting != null) {
            return setting;
        }
        return protocol() == Protocol.GRPC && !(target != null && EndpointParser.isLoopbackHost(target.getHost()));
    }

    /** Whether failed exports are retried. */
    public boolean retryEnabled() { return get(ConfigKey.RETRY_ENABLED); }

    /** Retries after the first attempt. */
    public int maxRetries() { return get(ConfigKey.RETRY_MAX_RETRIES); }

    /** Initial backoff between retries. */
    public Duration retryBackoff() { return get(ConfigKey.RETRY_BACKOFF); }

    /** {@code service.name}. */
    public String serviceName() { String v = get(ConfigKey.SERVICE_NAME); return v == null ? null : v.trim(); }

    /** {@code service.version}. */
    public String serviceVersion() { return get(ConfigKey.SERVICE_VERSION); }

    /** {@code service.namespace}. */
    public String serviceNamespace() { return get(ConfigKey.SERVICE_NAMESPACE); }

    /** {@code deployment.environment(.name)}. */
    public String environment() { return get(ConfigKey.ENVIRONMENT); }

    /** TelemetryFlow collector id, empty if unset. */
    public String collectorId() { return text(ConfigKey.COLLECTOR_ID); }

    /** TelemetryFlow collector name ({@code X-TelemetryFlow-Collector-Name}), empty if unset. */
    public String collectorName() { return text(ConfigKey.COLLECTOR_NAME); }

    /** Collector host name ({@code X-TelemetryFlow-Collector-Hostname}), empty if unset. */
    public String collectorHostname() { return text(ConfigKey.COLLECTOR_HOSTNAME); }

    /** Datacenter ({@code X-TelemetryFlow-Datacenter}), {@code default} unless set. */
    public String datacenter() { return text(ConfigKey.DATACENTER); }

    /** The enabled signals. */
    public Set<SignalType> signals() { return signals; }

    /** Whether {@code signal} is enabled. */
    public boolean isSignalEnabled(SignalType signal) { return signals.contains(signal); }

    /** Delay between batch exports (spans, logs) and the metric export interval. */
    public Duration batchTimeout() { return get(ConfigKey.BATCH_TIMEOUT); }

    /** Maximum records per export batch. */
    public int batchMaxSize() { return get(ConfigKey.BATCH_MAX_SIZE); }

    /** Capacity of each export queue; records beyond it are dropped and counted. */
    public int maxQueueSize() { return get(ConfigKey.BATCH_MAX_QUEUE_SIZE); }

    /** Capacity of each signal's retry buffer in items; 0 means no retry buffer. */
    public int bufferMaxItems() { return get(ConfigKey.BUFFER_MAX_ITEMS); }

    /** Capacity of each signal's retry buffer in (estimated) bytes. */
    public int bufferMaxBytes() { return get(ConfigKey.BUFFER_MAX_BYTES); }

    /** {@code telemetryflow.buffer.directory}: the disk buffer's directory, or {@code null} (memory only). */
    public java.nio.file.Path bufferDirectory() { return get(ConfigKey.BUFFER_DIRECTORY); }

    /** Attributes kept per span, span event and log record ({@code telemetryflow.limits.attributes}). */
    public int attributeLimit() { return get(ConfigKey.LIMITS_ATTRIBUTES); }

    /** Characters kept of a string attribute value ({@code telemetryflow.limits.attribute-length}). */
    public int attributeLengthLimit() { return get(ConfigKey.LIMITS_ATTRIBUTE_LENGTH); }

    /** Events kept per span. */
    public int spanEventLimit() { return get(ConfigKey.LIMITS_SPAN_EVENTS); }

    /** Links kept per span. */
    public int spanLinkLimit() { return get(ConfigKey.LIMITS_SPAN_LINKS); }

    /** Characters kept of a log body ({@code telemetryflow.limits.log-body-length}). */
    public int logBodyLimit() { return get(ConfigKey.LIMITS_LOG_BODY_LENGTH); }

    /** Attribute sets kept per metric ({@code telemetryflow.metrics.cardinality-limit}). */
    public int cardinalityLimit() { return get(ConfigKey.METRICS_CARDINALITY_LIMIT); }

    /** Cap on spans started with {@code startSpan} and not yet ended. */
    public int maxOpenSpans() { return get(ConfigKey.SPANS_MAX_OPEN); }

    /** Which traces are recorded: {@code parentbased_always_on} unless configured. */
    public Sampling sampling() { return get(ConfigKey.TRACES_SAMPLER); }

    /** The ratio of the {@code traceidratio} samplers, from 0 to 1. */
    public double samplingRatio() { return get(ConfigKey.TRACES_SAMPLER_ARG); }

    /** The context propagation formats: W3C Trace Context and Baggage unless configured. */
    public Set<Propagation> propagators() { return get(ConfigKey.PROPAGATORS); }

    /** How histograms aggregate: explicit buckets (the default) or base-2 exponential. */
    public HistogramAggregation histogramAggregation() { return get(ConfigKey.METRICS_HISTOGRAM_AGGREGATION); }

    /** Explicit bucket boundaries per histogram name ({@code telemetryflow.metrics.histogram.<name>.buckets}). */
    public Map<String, List<Double>> histogramBuckets() { return histogramBuckets; }

    /** Whether the JVM's runtime metrics ({@code jvm.memory.used}, {@code jvm.thread.count}, …) are exported. */
    public boolean runtimeMetricsEnabled() { return get(ConfigKey.METRICS_RUNTIME_ENABLED); }

    /** Whether OpenTelemetry's own {@code otel.sdk.*} metrics are exported with the application's. */
    public boolean selfMetricsEnabled() { return get(ConfigKey.METRICS_SELF_ENABLED); }

    /** Whether metric exemplars are sampled from traced requests. */
    public boolean exemplarsEnabled() { return get(ConfigKey.EXEMPLARS_ENABLED); }

    /** Whether the TelemetryFlow v2 API (paths {@code /v2/…}, header {@code x-telemetryflow-api-version}) is used. */
    public boolean apiV2() { return get(ConfigKey.API_V2); }

    /** Custom resource attributes. */
    public Map<String, String> attributes() { return attributes; }

    /** Base URL of TelemetryFlow Core's query API, or {@code null} if queries are not configured. */
    public URI queryEndpoint() { return get(ConfigKey.QUERY_ENDPOINT); }

    /** How queries authenticate; {@code null} when queries are not configured. */
    public QueryCredentials queryCredentials() { return queryCredentials; }

    /** Whether the MicroProfile Health readiness check reports export health (where MP Health is present). */
    public boolean healthCheckEnabled() { return get(ConfigKey.HEALTH_ENABLED); }

    /** Whether the JAX-RS server/client filters are active. */
    public boolean jaxrsEnabled() { return get(ConfigKey.JAXRS_ENABLED); }

    /** Whether {@code java.util.logging} records are exported as OTLP logs. */
    public boolean julEnabled() { return get(ConfigKey.LOGS_JUL_ENABLED); }

    /** Every set option by key ({@code ****} for secrets), then the attributes and the query credentials. */
    @Override
    public String toString() {
        return enabled() ? ConfigProblems.describe(values, endpoint, attributes, histogramBuckets, queryCredentials)
            : "TelemetryConfig{enabled=false}";
    }
}
