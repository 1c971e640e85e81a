package io.telemetryflow.sdk.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The validated, immutable configuration of the SDK (aggregate root of the domain).
 *
 * <p>Build it with {@link #builder()} or parse it from configuration text with
 * {@link TelemetryConfigParser}. {@link Builder#build()} checks every option and reports all
 * problems at once in a {@link TelemetryConfigException}, naming the configuration key of each.
 * A disabled configuration ({@code enabled=false}) is not validated: it yields a no-op client.
 */
public final class TelemetryConfig {

    private final boolean enabled;
    private final Credentials credentials;
    private final URI endpoint;
    private final Protocol protocol;
    private final boolean insecure;
    private final Duration timeout;
    private final Boolean compressionSetting;
    private final boolean compression;
    private final boolean retryEnabled;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final String serviceName;
    private final String serviceVersion;
    private final String serviceNamespace;
    private final String environment;
    private final String collectorId;
    private final String collectorName;
    private final String collectorHostname;
    private final String datacenter;
    private final Map<SignalType, URI> signalEndpoints;
    private final Set<SignalType> signals;
    private final Duration batchTimeout;
    private final int batchMaxSize;
    private final int maxQueueSize;
    private final int maxOpenSpans;
    private final boolean exemplarsEnabled;
    private final boolean apiV2;
    private final Map<String, String> attributes;
    private final URI queryEndpoint;
    private final QueryCredentials queryCredentials;
    private final boolean jaxrsEnabled;
    private final boolean julEnabled;

    private TelemetryConfig(Builder b, URI endpoint, Map<SignalType, URI> signalEndpoints) {
        this.enabled = b.enabled;
        this.credentials = b.enabled ? Credentials.of(b.apiKeyId, b.apiKeySecret) : null;
        this.endpoint = endpoint;
        this.protocol = b.protocol;
        this.insecure = b.insecure;
        this.timeout = b.timeout;
        this.compressionSetting = b.compression;
        // auto: gzip on gRPC (standard grpc-encoding); none on OTLP/HTTP, whose TelemetryFlow
        // collector handler reads the body raw and answers a gzip body with 400 (PLATFORM §1).
        this.compression = b.compression != null ? b.compression : b.protocol == Protocol.GRPC;
        this.retryEnabled = b.retryEnabled;
        this.maxRetries = b.maxRetries;
        this.retryBackoff = b.retryBackoff;
        this.serviceName = trimOrNull(b.serviceName);
        this.serviceVersion = b.serviceVersion;
        this.serviceNamespace = b.serviceNamespace;
        this.environment = b.environment;
        this.collectorId = b.collectorId == null ? "" : b.collectorId.trim();
        this.collectorName = b.collectorName == null ? "" : b.collectorName.trim();
        this.collectorHostname = b.collectorHostname == null ? "" : b.collectorHostname.trim();
        this.datacenter = b.datacenter == null ? "" : b.datacenter.trim();
        this.signalEndpoints = signalEndpoints.isEmpty()
            ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(signalEndpoints));
        this.signals = b.signals.isEmpty()
            ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(b.signals));
        this.batchTimeout = b.batchTimeout;
        this.batchMaxSize = b.batchMaxSize;
        this.maxQueueSize = b.maxQueueSize;
        this.maxOpenSpans = b.maxOpenSpans;
        this.exemplarsEnabled = b.exemplarsEnabled;
        this.apiV2 = b.apiV2;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.queryEndpoint = b.queryEndpoint;
        this.queryCredentials = b.queryCredentials;
        this.jaxrsEnabled = b.jaxrsEnabled;
        this.julEnabled = b.julEnabled;
    }

    /** A builder holding every default of DESIGN §4. */
    public static Builder builder() {
        return new Builder();
    }

    /** A configuration that disables the SDK: nothing is validated or exported. */
    public static TelemetryConfig disabled() {
        return builder().enabled(false).build();
    }

    /** A builder pre-filled with this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        if (credentials != null) {
            b.apiKeyId = credentials.keyId();
            b.apiKeySecret = credentials.keySecret();
        }
        b.endpoint = endpoint == null ? null : endpoint.toString();
        b.protocol = protocol;
        b.insecure = insecure;
        b.timeout = timeout;
        b.compression = compressionSetting;
        b.retryEnabled = retryEnabled;
        b.maxRetries = maxRetries;
        b.retryBackoff = retryBackoff;
        b.serviceName = serviceName;
        b.serviceVersion = serviceVersion;
        b.serviceNamespace = serviceNamespace;
        b.environment = environment;
        b.collectorId = collectorId;
        b.collectorName = collectorName;
        b.collectorHostname = collectorHostname;
        b.datacenter = datacenter;
        signalEndpoints.forEach((signal, uri) -> b.signalEndpoints.put(signal, uri.toString()));
        b.signals = signals.isEmpty() ? EnumSet.noneOf(SignalType.class) : EnumSet.copyOf(signals);
        b.batchTimeout = batchTimeout;
        b.batchMaxSize = batchMaxSize;
        b.maxQueueSize = maxQueueSize;
        b.maxOpenSpans = maxOpenSpans;
        b.exemplarsEnabled = exemplarsEnabled;
        b.apiV2 = apiV2;
        b.attributes = new LinkedHashMap<>(attributes);
        b.queryEndpoint = queryEndpoint;
        b.queryCredentials = queryCredentials;
        b.jaxrsEnabled = jaxrsEnabled;
        b.julEnabled = julEnabled;
        return b;
    }

    /** Whether the SDK exports anything; {@code false} means a no-op client. */
    public boolean enabled() { return enabled; }

    /** The API key; {@code null} only when disabled. */
    public Credentials credentials() { return credentials; }

    /** The collector endpoint as {@code scheme://host:port} (scheme {@code https} unless insecure). */
    public URI endpoint() { return endpoint; }

    /** Whether the endpoint is reached over TLS. */
    public boolean tls() { return endpoint != null && "https".equals(endpoint.getScheme()); }

    /** The OTLP transport. */
    public Protocol protocol() { return protocol; }

    /** Whether plaintext is allowed (no TLS). */
    public boolean insecure() { return insecure; }

    /** Export timeout per request. */
    public Duration timeout() { return timeout; }

    /**
     * Whether OTLP payloads are gzip-compressed: as configured, or by default ({@code auto}) on
     * gRPC only, since the TelemetryFlow collector does not decode gzip on OTLP/HTTP.
     */
    public boolean compression() { return compression; }

    /** Whether failed exports are retried. */
    public boolean retryEnabled() { return retryEnabled; }

    /** Retries after the first attempt. */
    public int maxRetries() { return maxRetries; }

    /** Initial backoff between retries. */
    public Duration retryBackoff() { return retryBackoff; }

    /** {@code service.name}. */
    public String serviceName() { return serviceName; }

    /** {@code service.version}. */
    public String serviceVersion() { return serviceVersion; }

    /** {@code service.namespace}. */
    public String serviceNamespace() { return serviceNamespace; }

    /** {@code deployment.environment.name}. */
    public String environment() { return environment; }

    /** TelemetryFlow collector id, empty if unset. */
    public String collectorId() { return collectorId; }

    /** TelemetryFlow collector name ({@code X-TelemetryFlow-Collector-Name}), empty if unset. */
    public String collectorName() { return collectorName; }

    /** Collector host name ({@code X-TelemetryFlow-Collector-Hostname}), empty if unset. */
    public String collectorHostname() { return collectorHostname; }

    /** Datacenter ({@code X-TelemetryFlow-Datacenter}), {@code default} unless set. */
    public String datacenter() { return datacenter; }

    /**
     * The endpoint that {@code signal} is exported to: its own {@code telemetryflow.<signal>.endpoint}
     * if set, else {@link #endpoint()}.
     */
    public URI endpoint(SignalType signal) { return signalEndpoints.getOrDefault(signal, endpoint); }

    /** The enabled signals. */
    public Set<SignalType> signals() { return signals; }

    /** Whether {@code signal} is enabled. */
    public boolean isSignalEnabled(SignalType signal) { return signals.contains(signal); }

    /** Delay between batch exports (spans, logs) and the metric export interval. */
    public Duration batchTimeout() { return batchTimeout; }

    /** Maximum records per export batch. */
    public int batchMaxSize() { return batchMaxSize; }

    /** Capacity of each export queue; records beyond it are dropped and counted. */
    public int maxQueueSize() { return maxQueueSize; }

    /** Cap on spans started with {@code startSpan} and not yet ended. */
    public int maxOpenSpans() { return maxOpenSpans; }

    /** Whether metric exemplars are sampled from traced requests. */
    public boolean exemplarsEnabled() { return exemplarsEnabled; }

    /** Whether the TelemetryFlow v2 API (paths {@code /v2/…}, header {@code x-telemetryflow-api-version}) is used. */
    public boolean apiV2() { return apiV2; }

    /** Custom resource attributes. */
    public Map<String, String> attributes() { return attributes; }

    /** Base URL of the TelemetryFlow query API, or {@code null} if queries are not configured. */
    public URI queryEndpoint() { return queryEndpoint; }

    /** How queries authenticate; {@code null} when queries are not configured. */
    public QueryCredentials queryCredentials() { return queryCredentials; }

    /** Whether the JAX-RS server/client filters are active. */
    public boolean jaxrsEnabled() { return jaxrsEnabled; }

    /** Whether {@code java.util.logging} records are exported as OTLP logs. */
    public boolean julEnabled() { return julEnabled; }

    /** Whether the endpoint host is a loopback address (plaintext to it needs no {@code insecure}). */
    public boolean isLoopbackEndpoint() {
        return endpoint != null && isLoopbackHost(endpoint.getHost());
    }

    @Override
    public String toString() {
        if (!enabled) {
            return "TelemetryConfig{enabled=false}";
        }
        return "TelemetryConfig{endpoint=" + endpoint + ", protocol=" + protocol + ", credentials=" + credentials
            + ", service=" + serviceName + "@" + serviceVersion + ", namespace=" + serviceNamespace
            + ", environment=" + environment + ", signals=" + signals + ", timeout=" + timeout
            + ", compression=" + (compression ? "gzip" : "none") + ", retry=" + retryEnabled + "/" + maxRetries + "/" + retryBackoff
            + ", batch=" + batchTimeout + "/" + batchMaxSize + "/" + maxQueueSize + ", apiV2=" + apiV2
            + (signalEndpoints.isEmpty() ? "" : ", signalEndpoints=" + signalEndpoints)
            + (queryEndpoint == null ? "" : ", query=" + queryEndpoint + " " + queryCredentials) + "}";
    }

    static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static String trimOrNull(String s) {
        return s == null ? null : s.trim();
    }

    /** Mutable builder; {@link #build()} validates everything at once. */
    public static final class Builder {
        // Defaults come from ConfigKey, the one list of keys and defaults (DESIGN §4).
        private boolean enabled = flag(ConfigKey.ENABLED);
        private String apiKeyId;
        private String apiKeySecret;
        private String endpoint = ConfigKey.ENDPOINT.defaultValue();
        private Protocol protocol = Protocol.parse(ConfigKey.PROTOCOL.defaultValue());
        private boolean insecure = flag(ConfigKey.INSECURE);
        private Duration timeout = duration(ConfigKey.TIMEOUT);
        private Boolean compression = parseCompression(ConfigKey.COMPRESSION.defaultValue());
        private boolean retryEnabled = flag(ConfigKey.RETRY_ENABLED);
        private int maxRetries = number(ConfigKey.RETRY_MAX_RETRIES);
        private Duration retryBackoff = duration(ConfigKey.RETRY_BACKOFF);
        private String serviceName;
        private String serviceVersion = ConfigKey.SERVICE_VERSION.defaultValue();
        private String serviceNamespace = ConfigKey.SERVICE_NAMESPACE.defaultValue();
        private String environment = ConfigKey.ENVIRONMENT.defaultValue();
        private String collectorId = ConfigKey.COLLECTOR_ID.defaultValue();
        private String collectorName = ConfigKey.COLLECTOR_NAME.defaultValue();
        private String collectorHostname = ConfigKey.COLLECTOR_HOSTNAME.defaultValue();
        private String datacenter = ConfigKey.DATACENTER.defaultValue();
        private final Map<SignalType, String> signalEndpoints = new EnumMap<>(SignalType.class);
        private EnumSet<SignalType> signals = defaultSignals();
        private Duration batchTimeout = duration(ConfigKey.BATCH_TIMEOUT);
        private int batchMaxSize = number(ConfigKey.BATCH_MAX_SIZE);
        private int maxQueueSize = number(ConfigKey.BATCH_MAX_QUEUE_SIZE);
        private int maxOpenSpans = number(ConfigKey.SPANS_MAX_OPEN);
        private boolean exemplarsEnabled = flag(ConfigKey.EXEMPLARS_ENABLED);
        private boolean apiV2 = flag(ConfigKey.API_V2);
        private Map<String, String> attributes = new LinkedHashMap<>();
        private URI queryEndpoint;
        private QueryCredentials queryCredentials;
        private boolean jaxrsEnabled = flag(ConfigKey.JAXRS_ENABLED);
        private boolean julEnabled = flag(ConfigKey.LOGS_JUL_ENABLED);

        private static boolean flag(ConfigKey key) {
            return Boolean.parseBoolean(key.defaultValue());
        }

        private static int number(ConfigKey key) {
            return Integer.parseInt(key.defaultValue());
        }

        private static Duration duration(ConfigKey key) {
            return Durations.parse(key.defaultValue());
        }

        private static EnumSet<SignalType> defaultSignals() {
            EnumSet<SignalType> s = EnumSet.noneOf(SignalType.class);
            if (flag(ConfigKey.SIGNALS_METRICS)) { s.add(SignalType.METRICS); }
            if (flag(ConfigKey.SIGNALS_LOGS)) { s.add(SignalType.LOGS); }
            if (flag(ConfigKey.SIGNALS_TRACES)) { s.add(SignalType.TRACES); }
            return s;
        }

        private Builder() {
        }

        /** {@code telemetryflow.enabled}. */
        public Builder enabled(boolean v) { this.enabled = v; return this; }

        /** {@code telemetryflow.api-key-id} and {@code telemetryflow.api-key-secret}. */
        public Builder apiKey(String keyId, String keySecret) {
            this.apiKeyId = keyId;
            this.apiKeySecret = keySecret;
            return this;
        }

        /** {@code telemetryflow.endpoint}: {@code host:port} or {@code http(s)://host:port}. */
        public Builder endpoint(String v) { this.endpoint = v; return this; }

        /** {@code telemetryflow.protocol}. */
        public Builder protocol(Protocol v) { this.protocol = v; return this; }

        /** {@code telemetryflow.insecure}. */
        public Builder insecure(boolean v) { this.insecure = v; return this; }

        /** {@code telemetryflow.timeout}. */
        public Builder timeout(Duration v) { this.timeout = v; return this; }

        /** {@code telemetryflow.compression} ({@code true} = gzip); unset means gzip on gRPC only. */
        public Builder compression(boolean v) { this.compression = v; return this; }

        /** {@code telemetryflow.retry.*}. */
        public Builder retry(boolean enabled, int maxRetries, Duration backoff) {
            this.retryEnabled = enabled;
            this.maxRetries = maxRetries;
            this.retryBackoff = backoff;
            return this;
        }

        /** {@code telemetryflow.service-name}. */
        public Builder serviceName(String v) { this.serviceName = v; return this; }

        /** {@code telemetryflow.service-version}. */
        public Builder serviceVersion(String v) { this.serviceVersion = v; return this; }

        /** {@code telemetryflow.service-namespace}. */
        public Builder serviceNamespace(String v) { this.serviceNamespace = v; return this; }

        /** {@code telemetryflow.environment}. */
        public Builder environment(String v) { this.environment = v; return this; }

        /** {@code telemetryflow.collector-id}. */
        public Builder collectorId(String v) { this.collectorId = v; return this; }

        /** {@code telemetryflow.collector-name}. */
        public Builder collectorName(String v) { this.collectorName = v; return this; }

        /** {@code telemetryflow.collector-hostname}. */
        public Builder collectorHostname(String v) { this.collectorHostname = v; return this; }

        /** {@code telemetryflow.datacenter}. */
        public Builder datacenter(String v) { this.datacenter = v; return this; }

        /** {@code telemetryflow.<traces|metrics|logs>.endpoint}; {@code null} or blank: the common endpoint. */
        public Builder signalEndpoint(SignalType signal, String v) {
            Objects.requireNonNull(signal, "signal");
            if (v == null || v.isBlank()) {
                signalEndpoints.remove(signal);
            } else {
                signalEndpoints.put(signal, v);
            }
            return this;
        }

        /** {@code telemetryflow.signals.*}. */
        public Builder signals(boolean metrics, boolean logs, boolean traces) {
            EnumSet<SignalType> s = EnumSet.noneOf(SignalType.class);
            if (metrics) { s.add(SignalType.METRICS); }
            if (logs) { s.add(SignalType.LOGS); }
            if (traces) { s.add(SignalType.TRACES); }
            this.signals = s;
            return this;
        }

        /** {@code telemetryflow.batch.timeout} and {@code telemetryflow.batch.max-size}. */
        public Builder batch(Duration timeout, int maxSize) {
            this.batchTimeout = timeout;
            this.batchMaxSize = maxSize;
            return this;
        }

        /** {@code telemetryflow.batch.max-queue-size}. */
        public Builder maxQueueSize(int v) { this.maxQueueSize = v; return this; }

        /** {@code telemetryflow.spans.max-open}. */
        public Builder maxOpenSpans(int v) { this.maxOpenSpans = v; return this; }

        /** {@code telemetryflow.exemplars.enabled}. */
        public Builder exemplars(boolean v) { this.exemplarsEnabled = v; return this; }

        /** {@code telemetryflow.api.v2}. */
        public Builder apiV2(boolean v) { this.apiV2 = v; return this; }

        /** {@code telemetryflow.attributes.<key>}. */
        public Builder attribute(String key, String value) {
            this.attributes.put(key, value);
            return this;
        }

        /** {@code telemetryflow.query.endpoint}. */
        public Builder queryEndpoint(URI v) { this.queryEndpoint = v; return this; }

        /** {@code telemetryflow.query.token} or {@code .email} + {@code .password}. */
        public Builder queryCredentials(QueryCredentials v) { this.queryCredentials = v; return this; }

        /** {@code telemetryflow.jaxrs.enabled}. */
        public Builder jaxrsEnabled(boolean v) { this.jaxrsEnabled = v; return this; }

        /** {@code telemetryflow.logs.jul.enabled}. */
        public Builder julEnabled(boolean v) { this.julEnabled = v; return this; }

        /**
         * Validates and builds.
         *
         * @throws TelemetryConfigException listing every invalid option by its key
         */
        public TelemetryConfig build() {
            if (!enabled) {
                return new TelemetryConfig(this, null, Map.of());
            }
            List<String> problems = new ArrayList<>();
            String p = Credentials.keyIdProblem(apiKeyId);
            if (p != null) {
                problems.add(ConfigKey.API_KEY_ID.key() + " " + p);
            }
            p = Credentials.keySecretProblem(apiKeySecret);
            if (p != null) {
                problems.add(ConfigKey.API_KEY_SECRET.key() + " " + p);
            }
            if (protocol == null) {
                problems.add(problem(ConfigKey.PROTOCOL, "null"));
            }
            URI uri = parseEndpoint(problems, ConfigKey.ENDPOINT, endpoint);
            Map<SignalType, URI> perSignal = new EnumMap<>(SignalType.class);
            signalEndpoints.forEach((signal, raw) -> {
                URI parsed = parseEndpoint(problems, signalEndpointKey(signal), raw);
                if (parsed != null) {
                    perSignal.put(signal, parsed);
                }
            });
            positive(problems, ConfigKey.TIMEOUT, timeout);
            positive(problems, ConfigKey.BATCH_TIMEOUT, batchTimeout);
            if (retryEnabled) {
                positive(problems, ConfigKey.RETRY_BACKOFF, retryBackoff);
            }
            range(problems, ConfigKey.RETRY_MAX_RETRIES, maxRetries, 0, 4);
            range(problems, ConfigKey.BATCH_MAX_SIZE, batchMaxSize, 1, 100_000);
            range(problems, ConfigKey.BATCH_MAX_QUEUE_SIZE, maxQueueSize, 1, 10_000_000);
            if (maxQueueSize < batchMaxSize && batchMaxSize >= 1 && maxQueueSize >= 1) {
                problems.add(problem(ConfigKey.BATCH_MAX_QUEUE_SIZE, String.valueOf(maxQueueSize)));
            }
            range(problems, ConfigKey.SPANS_MAX_OPEN, maxOpenSpans, 1, 10_000_000);
            nonBlank(problems, ConfigKey.SERVICE_NAME, serviceName);
            nonBlank(problems, ConfigKey.SERVICE_VERSION, serviceVersion);
            nonBlank(problems, ConfigKey.SERVICE_NAMESPACE, serviceNamespace);
            nonBlank(problems, ConfigKey.ENVIRONMENT, environment);
            nonBlank(problems, ConfigKey.DATACENTER, datacenter);
            // Header values: a control character would break the HTTP/2 or HTTP/1.1 framing.
            headerSafe(problems, ConfigKey.COLLECTOR_ID, collectorId);
            headerSafe(problems, ConfigKey.COLLECTOR_NAME, collectorName);
            headerSafe(problems, ConfigKey.COLLECTOR_HOSTNAME, collectorHostname);
            headerSafe(problems, ConfigKey.DATACENTER, datacenter);
            headerSafe(problems, ConfigKey.ENVIRONMENT, environment);
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null) {
                    problems.add(ConfigKey.ATTRIBUTES_PREFIX + Objects.toString(e.getKey(), "")
                        + ": a custom resource attribute needs a non-blank key and a value");
                }
            }
            if (queryEndpoint != null) {
                int before = problems.size();
                String scheme = queryEndpoint.getScheme();
                if (!queryEndpoint.isAbsolute() || queryEndpoint.getHost() == null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                    problems.add(problem(ConfigKey.QUERY_ENDPOINT, queryEndpoint.toString()));
                } else if (queryEndpoint.getRawQuery() != null || queryEndpoint.getRawUserInfo() != null) {
                    problems.add(problem(ConfigKey.QUERY_ENDPOINT, "<with user info or query string>"));
                } else if ("http".equalsIgnoreCase(scheme) && !insecure && !isLoopbackHost(queryEndpoint.getHost())) {
                    // The query API carries a password or a token: plaintext needs the same opt-in as OTLP.
                    problems.add(ConfigKey.QUERY_ENDPOINT.key() + "='" + queryEndpoint + "': plaintext http:// to a"
                        + " non-loopback host sends the query credentials unencrypted; use https:// or set "
                        + ConfigKey.INSECURE.key() + "=true");
                }
                if (queryCredentials == null && problems.size() == before) {
                    problems.add(ConfigKey.QUERY_ENDPOINT.key() + " is set, but TelemetryFlow Core's query API needs "
                        + ConfigKey.QUERY_TOKEN.key() + " or " + ConfigKey.QUERY_EMAIL.key() + " + "
                        + ConfigKey.QUERY_PASSWORD.key() + " (the ingestion API key is not accepted there)");
                }
            }
            if (!problems.isEmpty()) {
                List<String> masked = scrub(problems, apiKeySecret);
                if (queryCredentials != null) { // a password or token pasted into another key stays hidden
                    masked = scrub(scrub(masked, queryCredentials.password().orElse(null)),
                        queryCredentials.token().orElse(null));
                }
                throw new TelemetryConfigException(masked);
            }
            return new TelemetryConfig(this, uri, perSignal);
        }

        private URI parseEndpoint(List<String> problems, ConfigKey key, String endpoint) {
            if (endpoint == null || endpoint.isBlank()) {
                problems.add(problem(key, ""));
                return null;
            }
            String raw = endpoint.trim();
            String scheme = null;
            String rest = raw;
            int sep = raw.indexOf("://");
            if (sep >= 0) {
                scheme = raw.substring(0, sep).toLowerCase(Locale.ROOT);
                rest = raw.substring(sep + 3);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    problems.add(problem(key, raw));
                    return null;
                }
            }
            if (rest.endsWith("/")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            if (rest.isEmpty() || rest.contains("/") || rest.contains("@") || rest.contains("?")
                || rest.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                problems.add(problem(key, raw));
                return null;
            }
            boolean loopback;
            URI uri;
            try {
                String effectiveScheme = scheme != null ? scheme : (insecure ? "http" : "https");
                uri = new URI(effectiveScheme + "://" + rest);
                if (uri.getHost() == null) {
                    problems.add(problem(key, raw));
                    return null;
                }
                int port = uri.getPort();
                if (port == -1) {
                    port = protocol == Protocol.HTTP ? 4318 : 4317;
                    uri = new URI(effectiveScheme, null, uri.getHost(), port, null, null, null);
                } else if (port < 1 || port > 65535) {
                    problems.add(problem(key, raw));
                    return null;
                }
                loopback = isLoopbackHost(uri.getHost());
            } catch (URISyntaxException e) {
                problems.add(problem(key, raw));
                return null;
            }
            if ("http".equals(uri.getScheme()) && !insecure && !loopback) {
                problems.add(key.key() + "='" + raw + "': plaintext http:// to a non-loopback host"
                    + " sends the API key unencrypted; use https:// or set " + ConfigKey.INSECURE.key() + "=true");
            }
            return uri;
        }

        private static ConfigKey signalEndpointKey(SignalType signal) {
            switch (signal) {
                case TRACES: return ConfigKey.TRACES_ENDPOINT;
                case METRICS: return ConfigKey.METRICS_ENDPOINT;
                default: return ConfigKey.LOGS_ENDPOINT;
            }
        }

        private static void headerSafe(List<String> problems, ConfigKey key, String v) {
            if (v != null && !v.isBlank() && v.chars().anyMatch(Character::isISOControl)) { // blank: nonBlank reports it
                problems.add(problem(key, "<contains control characters>"));
            }
        }

        private static void positive(List<String> problems, ConfigKey key, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                problems.add(problem(key, d == null ? "null" : Durations.format(d)));
            }
        }

        private static void range(List<String> problems, ConfigKey key, int v, int min, int max) {
            if (v < min || v > max) {
                problems.add(problem(key, String.valueOf(v)));
            }
        }

        private static void nonBlank(List<String> problems, ConfigKey key, String v) {
            if (v == null || v.isBlank()) {
                problems.add(problem(key, v == null ? "" : v));
            }
        }
    }

    /** {@code auto} → {@code null} (decided by the protocol), {@code gzip}/{@code none} → true/false. */
    static Boolean parseCompression(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "auto": return null;
            case "gzip": case "true": return Boolean.TRUE;
            case "none": case "false": return Boolean.FALSE;
            default: throw new IllegalArgumentException("compression");
        }
    }

    /** The standard problem text: {@code key='value': allowed …} (never for the secret's value). */
    static String problem(ConfigKey key, String value) {
        String shown = key.isSecret() ? "<hidden>" : redactUserInfo(value);
        return key.key() + "='" + shown + "': allowed " + key.allowed();
    }

    /**
     * Hides the user-info part of a URL-like value ({@code https://id:secret@host} → {@code https://****@host}):
     * credentials pasted into an endpoint must not end up in an error message.
     */
    static String redactUserInfo(String value) {
        if (value == null) {
            return null;
        }
        int at = value.lastIndexOf('@');
        if (at < 0) {
            return value;
        }
        int sep = value.indexOf("://");
        int start = sep >= 0 && sep < at ? sep + 3 : 0;
        return value.substring(0, start) + "****" + value.substring(at);
    }

    /**
     * Replaces the API key secret (and its part after {@code tfs_}) in every problem text, in case it
     * was pasted into another key. Secrets shorter than 4 characters are not searched for: they are
     * invalid anyway (never echoed), and replacing one or two letters would garble the messages.
     */
    static List<String> scrub(List<String> problems, String secret) {
        if (secret == null) {
            return problems;
        }
        String full = secret.trim();
        String tail = full.startsWith(Credentials.KEY_SECRET_PREFIX)
            ? full.substring(Credentials.KEY_SECRET_PREFIX.length()) : full;
        List<String> out = new ArrayList<>(problems.size());
        for (String p : problems) {
            String q = p;
            if (full.length() >= 4) {
                q = q.replace(full, "****");
            }
            if (tail.length() >= 4) {
                q = q.replace(tail, "****");
            }
            out.add(q);
        }
        return out;
    }
}
