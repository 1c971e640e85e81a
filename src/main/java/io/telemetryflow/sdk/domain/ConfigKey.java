package io.telemetryflow.sdk.domain;

import java.util.List;
import java.util.Locale;

/**
 * Every configuration key of the SDK, with its default and what it allows.
 *
 * <p>The one description of every option — name, kind (parsing and validation), default, what is
 * allowed, sibling aliases — that the MicroProfile Config mapping, {@code fromEnvironment()}, the
 * builder's defaults, validation, {@code toString} and error messages share. The environment-variable name follows MicroProfile Config's mapping rule:
 * every non-alphanumeric character becomes {@code _}, letters are upper-cased.
 */
public enum ConfigKey {
    ENABLED("telemetryflow.enabled", ConfigKind.FLAG, "true", "true or false"),
    API_KEY_ID("telemetryflow.api-key-id", ConfigKind.CREDENTIAL, null, "an API key id starting with tfk_"),
    API_KEY_SECRET("telemetryflow.api-key-secret", ConfigKind.CREDENTIAL, null, "an API key secret starting with tfs_"),
    ENDPOINT("telemetryflow.endpoint", ConfigKind.ENDPOINT, "api.telemetryflow.id:4317", "host:port or http(s)://host:port"),
    PROTOCOL("telemetryflow.protocol", ConfigKind.PROTOCOL, "grpc", "grpc or http"),
    INSECURE("telemetryflow.insecure", ConfigKind.FLAG, "false", "true or false"),
    TIMEOUT("telemetryflow.timeout", ConfigKind.DURATION, "30s", "a positive duration such as 500ms, 10s, 2m or PT10S"),
    COMPRESSION("telemetryflow.compression", ConfigKind.COMPRESSION, "auto",
        "auto (gzip on gRPC to a remote host; none on OTLP/HTTP, which the TelemetryFlow collector reads raw, and to a loopback host), gzip or none"),
    RETRY_ENABLED("telemetryflow.retry.enabled", ConfigKind.FLAG, "true", "true or false"),
    RETRY_MAX_RETRIES("telemetryflow.retry.max-retries", ConfigKind.INTEGER, 0, 4, "3", "an integer from 0 to 4 (OpenTelemetry allows at most 5 attempts)"),
    RETRY_BACKOFF("telemetryflow.retry.backoff", ConfigKind.DURATION, "5s", "a positive duration such as 500ms, 5s or PT5S"),
    SERVICE_NAME("telemetryflow.service-name", ConfigKind.NAME, null, "a non-blank service name (or OTEL_SERVICE_NAME)"),
    SERVICE_VERSION("telemetryflow.service-version", ConfigKind.NAME, "1.0.0", "a non-blank version"),
    SERVICE_NAMESPACE("telemetryflow.service-namespace", ConfigKind.NAME, "telemetryflow", "a non-blank namespace"),
    // The Go and Python siblings read ENV, then ENVIRONMENT (TELEMETRYFLOW-PLATFORM.md §3).
    ENVIRONMENT("telemetryflow.environment", ConfigKind.NAME, "production", "a non-blank environment name", "ENV", "ENVIRONMENT"),
    COLLECTOR_ID("telemetryflow.collector-id", ConfigKind.TEXT, "", "any collector id, or empty"),
    COLLECTOR_NAME("telemetryflow.collector-name", ConfigKind.TEXT, "", "any collector name, or empty"),
    COLLECTOR_HOSTNAME("telemetryflow.collector-hostname", ConfigKind.TEXT, "", "any host name, or empty"),
    DATACENTER("telemetryflow.datacenter", ConfigKind.NAME, "default", "a non-blank datacenter name"),
    // Exporter TLS for collectors with a private CA or mutual TLS; the standard otel.* names are the fallbacks.
    TLS_CA_FILE("telemetryflow.tls.ca-file", ConfigKind.FILE, null,
        "a readable PEM file of the CA certificate(s) to trust for the collector (default: the JVM's trust store)",
        "otel.exporter.otlp.certificate"),
    TLS_CLIENT_CERT_FILE("telemetryflow.tls.client-cert-file", ConfigKind.FILE, null,
        "a readable PEM file of the client certificate chain for mutual TLS (with telemetryflow.tls.client-key-file)",
        "otel.exporter.otlp.client.certificate"),
    TLS_CLIENT_KEY_FILE("telemetryflow.tls.client-key-file", ConfigKind.FILE, null,
        "a readable PEM file of the client's PKCS#8 private key for mutual TLS (with telemetryflow.tls.client-cert-file)",
        "otel.exporter.otlp.client.key"),
    TRACES_ENDPOINT("telemetryflow.traces.endpoint", ConfigKind.ENDPOINT, null,
        "host:port or http(s)://host:port for spans (default: telemetryflow.endpoint)"),
    METRICS_ENDPOINT("telemetryflow.metrics.endpoint", ConfigKind.ENDPOINT, null,
        "host:port or http(s)://host:port for metrics (default: telemetryflow.endpoint)"),
    LOGS_ENDPOINT("telemetryflow.logs.endpoint", ConfigKind.ENDPOINT, null,
        "host:port or http(s)://host:port for logs (default: telemetryflow.endpoint)"),
    // Python's TELEMETRYFLOW_ENABLE_* switches are accepted as aliases.
    SIGNALS_METRICS("telemetryflow.signals.metrics", ConfigKind.FLAG, "true", "true or false", "TELEMETRYFLOW_ENABLE_METRICS"),
    SIGNALS_LOGS("telemetryflow.signals.logs", ConfigKind.FLAG, "true", "true or false", "TELEMETRYFLOW_ENABLE_LOGS"),
    SIGNALS_TRACES("telemetryflow.signals.traces", ConfigKind.FLAG, "true", "true or false", "TELEMETRYFLOW_ENABLE_TRACES"),
    BATCH_TIMEOUT("telemetryflow.batch.timeout", ConfigKind.DURATION, "10s", "a positive duration such as 500ms, 10s or PT10S"),
    BATCH_MAX_SIZE("telemetryflow.batch.max-size", ConfigKind.INTEGER, 1, 100000, "512", "an integer from 1 to 100000"),
    BATCH_MAX_QUEUE_SIZE("telemetryflow.batch.max-queue-size", ConfigKind.INTEGER, 1, 10000000, "2048",
        "an integer from 1 to 10000000, not below telemetryflow.batch.max-size"),
    BUFFER_MAX_ITEMS("telemetryflow.buffer.max-items", ConfigKind.INTEGER, 0, 10_000_000, "20000",
        "an integer from 0 (no retry buffer: a failed export is lost) to 10000000 (spans, and log records, each)"),
    BUFFER_MAX_BYTES("telemetryflow.buffer.max-bytes", ConfigKind.INTEGER, 1024, 1 << 30, "16777216",
        "an integer from 1024 to 1073741824 (estimated bytes per signal)"),
    BUFFER_DIRECTORY("telemetryflow.buffer.directory", ConfigKind.DIRECTORY, null,
        "a writable directory (created if missing) where the retry buffer also keeps its spans and log records,"
            + " so that what an outage left unsent survives a restart; unset: memory only"),
    LIMITS_ATTRIBUTES("telemetryflow.limits.attributes", ConfigKind.INTEGER, 1, 10000, "128",
        "an integer from 1 to 10000 (attributes kept per span, span event and log record; the rest are dropped and counted by OTLP)"),
    LIMITS_ATTRIBUTE_LENGTH("telemetryflow.limits.attribute-length", ConfigKind.INTEGER, 16, 1 << 24, "8192",
        "an integer from 16 to 16777216 (characters of a string attribute value; longer ones are truncated)"),
    LIMITS_SPAN_EVENTS("telemetryflow.limits.span-events", ConfigKind.INTEGER, 0, 10000, "128",
        "an integer from 0 to 10000 (events kept per span)"),
    LIMITS_SPAN_LINKS("telemetryflow.limits.span-links", ConfigKind.INTEGER, 0, 10000, "128",
        "an integer from 0 to 10000 (links kept per span)"),
    LIMITS_LOG_BODY_LENGTH("telemetryflow.limits.log-body-length", ConfigKind.INTEGER, 64, 1 << 24, "65536",
        "an integer from 64 to 16777216 (characters of a log body; a longer one is cut and marked)"),
    METRICS_CARDINALITY_LIMIT("telemetryflow.metrics.cardinality-limit", ConfigKind.INTEGER, 1, 1_000_000, "2000",
        "an integer from 1 to 1000000 (attribute sets per metric; beyond it OpenTelemetry records otel.metric.overflow=true)"),
    SPANS_MAX_OPEN("telemetryflow.spans.max-open", ConfigKind.INTEGER, 1, 10000000, "10000", "an integer from 1 to 10000000"),
    METRICS_HISTOGRAM_AGGREGATION("telemetryflow.metrics.histogram.aggregation", ConfigKind.HISTOGRAM_AGGREGATION,
        "explicit", "explicit (fixed buckets; seconds get 0.005 ... 10) or base2_exponential"),
    // The standard otel.* names of MicroProfile Telemetry / OpenTelemetry autoconfigure are the fallbacks.
    TRACES_SAMPLER("telemetryflow.traces.sampler", ConfigKind.SAMPLING, "parentbased_always_on",
        "always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off or parentbased_traceidratio",
        "otel.traces.sampler"),
    TRACES_SAMPLER_ARG("telemetryflow.traces.sampler.arg", ConfigKind.RATIO, "1.0",
        "a ratio from 0.0 to 1.0 (the share of root traces sampled by the traceidratio samplers)", "otel.traces.sampler.arg"),
    PROPAGATORS("telemetryflow.propagators", ConfigKind.PROPAGATION, "tracecontext,baggage",
        "a comma-separated list of tracecontext, baggage, b3, b3multi (or none)", "otel.propagators"),
    METRICS_RUNTIME_ENABLED("telemetryflow.metrics.runtime.enabled", ConfigKind.FLAG, "true",
        "true or false (JVM metrics: jvm.memory.*, jvm.gc.duration, jvm.thread.count, jvm.class.*, jvm.cpu.*)"),
    METRICS_SELF_ENABLED("telemetryflow.metrics.self.enabled", ConfigKind.FLAG, "false",
        "true or false (OpenTelemetry's own otel.sdk.* metrics, e.g. otel.sdk.metric_reader.collection.duration)"),
    EXEMPLARS_ENABLED("telemetryflow.exemplars.enabled", ConfigKind.FLAG, "true", "true or false", "TELEMETRYFLOW_ENABLE_EXEMPLARS"),
    API_V2("telemetryflow.api.v2", ConfigKind.FLAG, "true", "true or false"),
    QUERY_ENDPOINT("telemetryflow.query.endpoint", ConfigKind.URL, null,
        "an absolute http(s):// URL of TelemetryFlow Core (http:// to a non-loopback host needs telemetryflow.insecure=true)"),
    QUERY_TOKEN("telemetryflow.query.token", ConfigKind.CREDENTIAL, null, "a JWT access token of TelemetryFlow Core"),
    QUERY_EMAIL("telemetryflow.query.email", ConfigKind.CREDENTIAL, null, "the e-mail of a TelemetryFlow Core user (with telemetryflow.query.password)"),
    QUERY_PASSWORD("telemetryflow.query.password", ConfigKind.CREDENTIAL, null, "the password of telemetryflow.query.email"),
    HEALTH_ENABLED("telemetryflow.health.enabled", ConfigKind.FLAG, "true",
        "true or false (the MicroProfile Health readiness check 'telemetryflow', where the runtime has MP Health)"),
    JAXRS_ENABLED("telemetryflow.jaxrs.enabled", ConfigKind.FLAG, "true", "true or false"),
    LOGS_JUL_ENABLED("telemetryflow.logs.jul.enabled", ConfigKind.FLAG, "false", "true or false");

    /** Prefix of custom resource attributes: {@code telemetryflow.attributes.<key>=<value>}. */
    public static final String ATTRIBUTES_PREFIX = "telemetryflow.attributes.";

    /**
     * Per-histogram bucket boundaries: {@code telemetryflow.metrics.histogram.<name>.buckets=0.01,0.1,1}
     * (this prefix, the histogram's name, {@link #HISTOGRAM_BUCKETS_SUFFIX}). Read from properties only:
     * an environment variable name cannot spell the dots of a histogram name.
     */
    public static final String HISTOGRAM_PREFIX = "telemetryflow.metrics.histogram.";

    /** See {@link #HISTOGRAM_PREFIX}. */
    public static final String HISTOGRAM_BUCKETS_SUFFIX = ".buckets";

    private final String key;
    private final String defaultValue;
    private final String allowed;
    private final List<String> aliases;
    private final ConfigKind kind;
    private final int min;
    private final int max;

    ConfigKey(String key, ConfigKind kind, String defaultValue, String allowed, String... aliases) {
        this(key, kind, Integer.MIN_VALUE, Integer.MAX_VALUE, defaultValue, allowed, aliases);
    }

    ConfigKey(String key, ConfigKind kind, int min, int max, String defaultValue, String allowed, String... aliases) {
        this.key = key;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.defaultValue = defaultValue;
        this.allowed = allowed;
        this.aliases = List.of(aliases);
    }

    /** How the value is parsed and checked. */
    ConfigKind kind() {
        return kind;
    }

    /** The smallest allowed value of an {@link ConfigKind#INTEGER} key. */
    int min() {
        return min;
    }

    /** The largest allowed value of an {@link ConfigKind#INTEGER} key. */
    int max() {
        return max;
    }

    /** The default as a typed value (as {@link ConfigKind#parse} makes it), or {@code null}. */
    Object typedDefault() {
        return defaultValue == null ? null : kind.parse(defaultValue);
    }

    /**
     * Other names read, in this order, when the key itself is absent from every source: the
     * sibling SDKs' environment names (e.g. {@code ENV} for the environment). The key always wins.
     */
    public List<String> aliases() {
        return aliases;
    }

    /** The switch of {@code signal}: {@code telemetryflow.signals.<signal>}. */
    static ConfigKey signalSwitch(SignalType signal) {
        switch (signal) {
            case TRACES: return SIGNALS_TRACES;
            case METRICS: return SIGNALS_METRICS;
            default: return SIGNALS_LOGS;
        }
    }

    /** The endpoint key of {@code signal}: {@code telemetryflow.<signal>.endpoint}. */
    static ConfigKey signalEndpoint(SignalType signal) {
        switch (signal) {
            case TRACES: return TRACES_ENDPOINT;
            case METRICS: return METRICS_ENDPOINT;
            default: return LOGS_ENDPOINT;
        }
    }

    /** The MicroProfile Config property name, e.g. {@code telemetryflow.api-key-id}. */
    public String key() {
        return key;
    }

    /** The environment variable name, e.g. {@code TELEMETRYFLOW_API_KEY_ID}. */
    public String envName() {
        return toEnvName(key);
    }

    /** The default as configuration text, or {@code null} if the key has none (required or optional). */
    public String defaultValue() {
        return defaultValue;
    }

    /** A short description of the allowed values, used in error messages. */
    public String allowed() {
        return allowed;
    }

    /** Whether the value of this key must never be printed. */
    public boolean isSecret() {
        return this == API_KEY_SECRET || this == QUERY_TOKEN || this == QUERY_PASSWORD;
    }

    /** MicroProfile Config's environment-variable mapping of a property name. */
    public static String toEnvName(String property) {
        StringBuilder sb = new StringBuilder(property.length());
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            sb.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }
}
