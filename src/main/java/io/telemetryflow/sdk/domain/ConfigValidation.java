package io.telemetryflow.sdk.domain;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The checks of {@link TelemetryConfigBuilder#build()}: the rule of each key's {@link ConfigKind},
 * then the few that span keys (credentials, endpoint with {@code insecure}, queue not below batch,
 * the query endpoint and its credentials). Problems are worded by {@link ConfigProblems}.
 */
final class ConfigValidation {

    private ConfigValidation() {
    }

    /** Adds every problem to {@code problems}; returns the resolved endpoint (or {@code null}). */
    static URI check(Map<ConfigKey, Object> values, Map<String, String> attributes,
                     QueryCredentials queryCredentials, List<String> problems) {
        String p = Credentials.keyIdProblem((String) values.get(ConfigKey.API_KEY_ID));
        if (p != null) {
            problems.add(ConfigKey.API_KEY_ID.key() + " " + p);
        }
        p = Credentials.keySecretProblem((String) values.get(ConfigKey.API_KEY_SECRET));
        if (p != null) {
            problems.add(ConfigKey.API_KEY_SECRET.key() + " " + p);
        }
        Protocol protocol = (Protocol) values.get(ConfigKey.PROTOCOL);
        if (protocol == null) {
            problems.add(ConfigProblems.problem(ConfigKey.PROTOCOL, null));
        }
        boolean insecure = Boolean.TRUE.equals(values.get(ConfigKey.INSECURE));
        URI endpoint = EndpointParser.parse(problems, ConfigKey.ENDPOINT, (String) values.get(ConfigKey.ENDPOINT),
            insecure, protocol);
        for (ConfigKey key : ConfigKey.values()) {
            byKind(key, values.get(key), values, problems);
        }
        int batch = (Integer) values.get(ConfigKey.BATCH_MAX_SIZE);
        int queue = (Integer) values.get(ConfigKey.BATCH_MAX_QUEUE_SIZE);
        if (queue < batch && batch >= 1 && queue >= 1) {
            problems.add(ConfigProblems.problem(ConfigKey.BATCH_MAX_QUEUE_SIZE, String.valueOf(queue)));
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null) {
                problems.add(ConfigKey.ATTRIBUTES_PREFIX + Objects.toString(e.getKey(), "")
                    + ": a custom resource attribute needs a non-blank key and a value");
            }
        }
        checkQuery((URI) values.get(ConfigKey.QUERY_ENDPOINT), queryCredentials, insecure, problems);
        Object cert = values.get(ConfigKey.TLS_CLIENT_CERT_FILE);
        Object key = values.get(ConfigKey.TLS_CLIENT_KEY_FILE);
        Object given = cert != null ? cert : key;
        if ((cert == null) != (key == null) && java.nio.file.Files.isReadable((java.nio.file.Path) given)) {
            ConfigKey missing = cert == null ? ConfigKey.TLS_CLIENT_CERT_FILE : ConfigKey.TLS_CLIENT_KEY_FILE;
            problems.add(missing.key() + " is required for mutual TLS: " + missing.allowed());
        }
        return endpoint;
    }

    /** Each histogram's boundaries must be usable: finite, strictly ascending, at least one; its name non-blank. */
    static void checkBuckets(Map<String, List<Double>> buckets, List<String> problems) {
        buckets.forEach((name, boundaries) -> {
            String p = name == null || name.isBlank() ? "a histogram name" : HistogramBuckets.problem(boundaries);
            if (p != null) {
                problems.add(ConfigProblems.got(ConfigKey.HISTOGRAM_PREFIX + Objects.toString(name, "")
                    + ConfigKey.HISTOGRAM_BUCKETS_SUFFIX, String.valueOf(boundaries), p + ", e.g. 0.005,0.01,0.1,1"));
            }
        });
    }

    /** The per-signal endpoints that are set, resolved like the common one (problems added). */
    static Map<SignalType, URI> signalEndpoints(Map<ConfigKey, Object> values, List<String> problems) {
        Map<SignalType, URI> perSignal = new EnumMap<>(SignalType.class);
        for (SignalType signal : SignalType.values()) {
            ConfigKey key = ConfigKey.signalEndpoint(signal);
            String raw = (String) values.get(key);
            if (raw != null && !raw.isBlank()) {
                URI parsed = EndpointParser.parse(problems, key, raw, Boolean.TRUE.equals(values.get(ConfigKey.INSECURE)),
                    (Protocol) values.get(ConfigKey.PROTOCOL));
                if (parsed != null) {
                    perSignal.put(signal, parsed);
                }
            }
        }
        return perSignal;
    }

    private static void byKind(ConfigKey key, Object value, Map<ConfigKey, Object> values, List<String> problems) {
        switch (key.kind()) {
            case DURATION:
                // the backoff matters only when retrying
                if (key != ConfigKey.RETRY_BACKOFF || Boolean.TRUE.equals(values.get(ConfigKey.RETRY_ENABLED))) {
                    Duration d = (Duration) value;
                    if (d == null || d.isNegative() || d.isZero()) {
                        problems.add(ConfigProblems.problem(key, d == null ? null : Durations.format(d)));
                    }
                }
                break;
            case INTEGER:
                int v = (Integer) value;
                if (v < key.min() || v > key.max()) {
                    problems.add(ConfigProblems.problem(key, String.valueOf(v)));
                }
                break;
            case NAME:
                String name = (String) value;
                if (name == null || name.isBlank()) {
                    problems.add(ConfigProblems.problem(key, name));
                } else {
                    headerSafe(key, name, problems);
                }
                break;
            case TEXT:
                headerSafe(key, (String) value, problems);
                break;
            case FILE:
                java.nio.file.Path path = (java.nio.file.Path) value;
                if (path != null && !java.nio.file.Files.isReadable(path)) {
                    problems.add(ConfigProblems.got(key.key(), path.toString(), "a readable file (" + key.allowed() + ")"));
                }
                break;
            case DIRECTORY:
                java.nio.file.Path dir = (java.nio.file.Path) value;
                if (dir != null && java.nio.file.Files.exists(dir)
                    && !(java.nio.file.Files.isDirectory(dir) && java.nio.file.Files.isWritable(dir))) {
                    problems.add(ConfigProblems.got(key.key(), dir.toString(), "a writable directory (" + key.allowed() + ")"));
                }
                break;
            case RATIO:
                Double ratio = (Double) value;
                if (ratio == null || !(ratio >= 0.0 && ratio <= 1.0)) {
                    problems.add(ConfigProblems.problem(key, ratio == null ? null : String.valueOf(ratio)));
                }
                break;
            case SAMPLING:
            case PROPAGATION:
            case HISTOGRAM_AGGREGATION:
                if (value == null) {
                    problems.add(ConfigProblems.problem(key, null));
                }
                break;
            default:
                break; // flags, protocol, compression: any value of the type; the rest is checked above
        }
    }

    // Header values: a control character would break the HTTP/2 or HTTP/1.1 framing.
    private static void headerSafe(ConfigKey key, String v, List<String> problems) {
        if (v != null && v.chars().anyMatch(Character::isISOControl)) {
            problems.add(ConfigProblems.problem(key, "<contains control characters>"));
        }
    }

    private static void checkQuery(URI queryEndpoint, QueryCredentials credentials, boolean insecure, List<String> problems) {
        if (queryEndpoint == null) {
            return;
        }
        String scheme = queryEndpoint.getScheme();
        if (!queryEndpoint.isAbsolute() || queryEndpoint.getHost() == null
            || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            problems.add(ConfigProblems.problem(ConfigKey.QUERY_ENDPOINT, queryEndpoint.toString()));
        } else if (queryEndpoint.getRawQuery() != null || queryEndpoint.getRawUserInfo() != null) {
            problems.add(ConfigProblems.problem(ConfigKey.QUERY_ENDPOINT, "<with user info or query string>"));
        } else if ("http".equalsIgnoreCase(scheme) && !insecure && !EndpointParser.isLoopbackHost(queryEndpoint.getHost())) {
            // The query API carries a password or a token: plaintext needs the same opt-in as OTLP.
            problems.add(ConfigKey.QUERY_ENDPOINT.key() + ": got '" + queryEndpoint + "'; plaintext http:// to a"
                + " non-loopback host sends the query credentials unencrypted; use https:// or set "
                + ConfigKey.INSECURE.key() + "=true");
        } else if (credentials == null) {
            problems.add(ConfigKey.QUERY_ENDPOINT.key() + " is set, but TelemetryFlow Core's query API needs "
                + ConfigKey.QUERY_TOKEN.key() + " or " + ConfigKey.QUERY_EMAIL.key() + " + "
                + ConfigKey.QUERY_PASSWORD.key() + " (the ingestion API key is not accepted there)");
        }
    }
}
