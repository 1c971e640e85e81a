package io.telemetryflow.sdk;

import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.QueryCredentials;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.sdk.domain.TelemetryConfigBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Fluent builder of a {@link TelemetryClient}; defaults are those of DESIGN §4.
 *
 * <pre>{@code
 * TelemetryClient client = TelemetryClient.builder()
 *     .apiKey("tfk_…", "tfs_…")
 *     .endpoint("collector.example.com:4317")
 *     .service("orders", "1.4.2")
 *     .build();
 * client.initialize();
 * }</pre>
 */
public final class TelemetryClientBuilder {

    private final TelemetryConfigBuilder config = TelemetryConfig.builder();

    TelemetryClientBuilder() {
    }

    /** Enables or disables the SDK ({@code false}: a no-op client, nothing validated). */
    public TelemetryClientBuilder enabled(boolean enabled) { config.enabled(enabled); return this; }

    /** The API key id ({@code tfk_…}) and secret ({@code tfs_…}). */
    public TelemetryClientBuilder apiKey(String keyId, String keySecret) { config.apiKey(keyId, keySecret); return this; }

    /** The OTLP endpoint: {@code host:port} or {@code http(s)://host:port}. */
    public TelemetryClientBuilder endpoint(String endpoint) { config.endpoint(endpoint); return this; }

    /** {@code service.name} and {@code service.version}. */
    public TelemetryClientBuilder service(String name, String version) {
        config.serviceName(name).serviceVersion(version);
        return this;
    }

    /** {@code service.namespace}. */
    public TelemetryClientBuilder serviceNamespace(String namespace) { config.serviceNamespace(namespace); return this; }

    /** {@code deployment.environment.name}. */
    public TelemetryClientBuilder environment(String environment) { config.environment(environment); return this; }

    /** The OTLP transport. */
    public TelemetryClientBuilder protocol(Protocol protocol) { config.protocol(protocol); return this; }

    /** OTLP over gRPC. */
    public TelemetryClientBuilder grpc() { return protocol(Protocol.GRPC); }

    /** OTLP over HTTP/protobuf. */
    public TelemetryClientBuilder http() { return protocol(Protocol.HTTP); }

    /** Allows plaintext (no TLS). */
    public TelemetryClientBuilder insecure(boolean insecure) { config.insecure(insecure); return this; }

    /** Export timeout per request. */
    public TelemetryClientBuilder timeout(Duration timeout) { config.timeout(timeout); return this; }

    /** Retry of failed exports: on/off, retries after the first attempt (0–4), initial backoff. */
    public TelemetryClientBuilder retry(boolean enabled, int maxRetries, Duration backoff) {
        config.retry(enabled, maxRetries, backoff);
        return this;
    }

    /**
     * gzip compression of OTLP payloads: on or off for every signal. Unset, {@code auto} gzips only on gRPC to a
     * host that is not a loopback address ({@link io.telemetryflow.sdk.domain.TelemetryConfig#compression(io.telemetryflow.sdk.domain.SignalType)}).
     */
    public TelemetryClientBuilder compression(boolean gzip) { config.compression(gzip); return this; }

    /** Which signals are exported. */
    public TelemetryClientBuilder signals(boolean metrics, boolean logs, boolean traces) {
        config.signals(metrics, logs, traces);
        return this;
    }

    /** Batch delay (also the metric export interval) and maximum batch size. */
    public TelemetryClientBuilder batch(Duration timeout, int maxSize) { config.batch(timeout, maxSize); return this; }

    /** Capacity of each export queue. */
    public TelemetryClientBuilder maxQueueSize(int size) { config.maxQueueSize(size); return this; }

    /** Cap of spans started with {@code startSpan} and not ended. */
    public TelemetryClientBuilder maxOpenSpans(int max) { config.maxOpenSpans(max); return this; }

    /** Metric exemplars from sampled traces. */
    public TelemetryClientBuilder exemplars(boolean enabled) { config.exemplars(enabled); return this; }

    /** TelemetryFlow collector id header. */
    public TelemetryClientBuilder collectorId(String collectorId) { config.collectorId(collectorId); return this; }

    /** TelemetryFlow API v2 (paths {@code /v2/…}); {@code false} uses {@code /v1/…}. */
    public TelemetryClientBuilder apiV2(boolean v2) { config.apiV2(v2); return this; }

    /** Exports {@code java.util.logging} records as OTLP logs ({@code telemetryflow.logs.jul.enabled}). */
    public TelemetryClientBuilder julLogs(boolean enabled) { config.julEnabled(enabled); return this; }

    /** JAX-RS server/client filters on or off ({@code telemetryflow.jaxrs.enabled}). */
    public TelemetryClientBuilder jaxrs(boolean enabled) { config.jaxrsEnabled(enabled); return this; }

    /** A custom resource attribute. */
    public TelemetryClientBuilder attribute(String key, String value) { config.attribute(key, value); return this; }

    /** Base URL of TelemetryFlow Core ({@code telemetryflow.query.endpoint}); needs a token or a login. */
    public TelemetryClientBuilder queryEndpoint(URI queryEndpoint) { config.queryEndpoint(queryEndpoint); return this; }

    /** A ready JWT access token for the query API ({@code telemetryflow.query.token}). */
    public TelemetryClientBuilder queryToken(String token) {
        config.queryCredentials(QueryCredentials.token(token));
        return this;
    }

    /**
     * A TelemetryFlow Core user the SDK logs in as, once, then keeps the session by refreshing
     * ({@code telemetryflow.query.email} / {@code .password}).
     */
    public TelemetryClientBuilder queryLogin(String email, String password) {
        config.queryCredentials(QueryCredentials.login(email, password));
        return this;
    }

    /**
     * The retry buffer of spans and of log records ({@code telemetryflow.buffer.max-items} /
     * {@code .max-bytes}): what an outage keeps for re-sending; 0 items turns it off.
     */
    public TelemetryClientBuilder retryBuffer(int maxItems, int maxBytes) { config.retryBuffer(maxItems, maxBytes); return this; }

    /** {@code X-TelemetryFlow-Collector-Name} ({@code telemetryflow.collector-name}). */
    public TelemetryClientBuilder collectorName(String name) { config.collectorName(name); return this; }

    /** {@code X-TelemetryFlow-Collector-Hostname} ({@code telemetryflow.collector-hostname}). */
    public TelemetryClientBuilder collectorHostname(String hostname) { config.collectorHostname(hostname); return this; }

    /** {@code X-TelemetryFlow-Datacenter} ({@code telemetryflow.datacenter}, default {@code default}). */
    public TelemetryClientBuilder datacenter(String datacenter) { config.datacenter(datacenter); return this; }

    /** Sends one signal to its own endpoint ({@code telemetryflow.<traces|metrics|logs>.endpoint}). */
    public TelemetryClientBuilder endpoint(SignalType signal, String endpoint) {
        config.signalEndpoint(signal, endpoint);
        return this;
    }

    /**
     * Sets any option on the underlying {@link TelemetryConfigBuilder}, including those without a
     * shortcut here, e.g. {@code configure(c -> c.histogramBuckets("order.value", List.of(1.0, 10.0, 100.0)))}.
     */
    public TelemetryClientBuilder configure(Consumer<TelemetryConfigBuilder> options) {
        options.accept(config);
        return this;
    }

    /**
     * Validates the configuration and creates the client (not yet initialized).
     *
     * @throws io.telemetryflow.sdk.domain.TelemetryConfigException listing every invalid option
     */
    public TelemetryClient build() {
        return new TelemetryClient(config.build());
    }
}
