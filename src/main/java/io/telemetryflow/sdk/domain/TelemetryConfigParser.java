package io.telemetryflow.sdk.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a {@link TelemetryConfig} from configuration text — MicroProfile Config, environment
 * variables or system properties all come down to "value of key K, or absent".
 *
 * <p>Every problem (parse errors and validation errors) is collected and reported in one
 * {@link TelemetryConfigException}; the secret's value is never part of a message.
 */
public final class TelemetryConfigParser {

    private TelemetryConfigParser() {
    }

    /**
     * Parses the configuration.
     *
     * @param lookup value of a {@link ConfigKey#key() property name}, or {@code null} if absent
     * @param customAttributes {@code telemetryflow.attributes.*} entries with the prefix removed
     * @param serviceNameFallback used when {@code telemetryflow.service-name} is absent
     *     (e.g. {@code OTEL_SERVICE_NAME}); may be {@code null}
     * @throws TelemetryConfigException listing every invalid key
     */
    public static TelemetryConfig parse(Function<String, String> lookup, Map<String, String> customAttributes,
                                        String serviceNameFallback) {
        Values v = new Values(lookup);
        if (!v.bool(ConfigKey.ENABLED)) {
            return v.problems.isEmpty() ? TelemetryConfig.disabled() : v.fail();
        }
        TelemetryConfig.Builder b = TelemetryConfig.builder();
        b.apiKey(v.raw(ConfigKey.API_KEY_ID), v.raw(ConfigKey.API_KEY_SECRET));
        b.insecure(v.bool(ConfigKey.INSECURE));
        Protocol protocol = v.parse(ConfigKey.PROTOCOL, Protocol::parse, Protocol.GRPC);
        b.protocol(protocol);
        b.endpoint(v.raw(ConfigKey.ENDPOINT));
        b.timeout(v.duration(ConfigKey.TIMEOUT));
        Boolean compression = v.parse(ConfigKey.COMPRESSION, TelemetryConfig::parseCompression, null);
        if (compression != null) {
            b.compression(compression);
        }
        b.retry(v.bool(ConfigKey.RETRY_ENABLED), v.integer(ConfigKey.RETRY_MAX_RETRIES),
            v.duration(ConfigKey.RETRY_BACKOFF));
        String serviceName = v.raw(ConfigKey.SERVICE_NAME);
        b.serviceName(serviceName == null || serviceName.isBlank() ? serviceNameFallback : serviceName);
        b.serviceVersion(v.raw(ConfigKey.SERVICE_VERSION));
        b.serviceNamespace(v.raw(ConfigKey.SERVICE_NAMESPACE));
        b.environment(v.raw(ConfigKey.ENVIRONMENT));
        b.collectorId(v.raw(ConfigKey.COLLECTOR_ID));
        b.collectorName(v.raw(ConfigKey.COLLECTOR_NAME));
        b.collectorHostname(v.raw(ConfigKey.COLLECTOR_HOSTNAME));
        b.datacenter(v.raw(ConfigKey.DATACENTER));
        b.signalEndpoint(SignalType.TRACES, v.raw(ConfigKey.TRACES_ENDPOINT));
        b.signalEndpoint(SignalType.METRICS, v.raw(ConfigKey.METRICS_ENDPOINT));
        b.signalEndpoint(SignalType.LOGS, v.raw(ConfigKey.LOGS_ENDPOINT));
        b.signals(v.bool(ConfigKey.SIGNALS_METRICS), v.bool(ConfigKey.SIGNALS_LOGS), v.bool(ConfigKey.SIGNALS_TRACES));
        b.batch(v.duration(ConfigKey.BATCH_TIMEOUT), v.integer(ConfigKey.BATCH_MAX_SIZE));
        b.maxQueueSize(v.integer(ConfigKey.BATCH_MAX_QUEUE_SIZE));
        b.maxOpenSpans(v.integer(ConfigKey.SPANS_MAX_OPEN));
        b.exemplars(v.bool(ConfigKey.EXEMPLARS_ENABLED));
        b.apiV2(v.bool(ConfigKey.API_V2));
        b.jaxrsEnabled(v.bool(ConfigKey.JAXRS_ENABLED));
        b.julEnabled(v.bool(ConfigKey.LOGS_JUL_ENABLED));
        b.queryEndpoint(v.parse(ConfigKey.QUERY_ENDPOINT, TelemetryConfigParser::parseUri, null));
        b.queryCredentials(queryCredentials(v));
        if (customAttributes != null) {
            customAttributes.forEach(b::attribute);
        }
        try {
            TelemetryConfig config = b.build();
            return v.problems.isEmpty() ? config : v.fail();
        } catch (TelemetryConfigException e) {
            // Report parse problems first, then validation problems of keys that did parse.
            List<String> all = new ArrayList<>(v.problems);
            for (String p : e.problems()) {
                if (v.failedKeys.stream().noneMatch(k -> p.startsWith(k + "=") || p.startsWith(k + " "))) {
                    all.add(p);
                }
            }
            throw new TelemetryConfigException(v.scrubSecrets(all));
        }
    }

    /** A ready token wins over e-mail + password; half a login is a problem naming the missing key. */
    private static QueryCredentials queryCredentials(Values v) {
        String token = v.raw(ConfigKey.QUERY_TOKEN);
        if (token != null && !token.isBlank()) {
            return QueryCredentials.token(token);
        }
        String email = v.raw(ConfigKey.QUERY_EMAIL);
        String password = v.raw(ConfigKey.QUERY_PASSWORD);
        boolean hasEmail = email != null && !email.isBlank();
        boolean hasPassword = password != null && !password.isEmpty();
        if (hasEmail && hasPassword) {
            return QueryCredentials.login(email, password);
        }
        if (hasEmail || hasPassword) {
            ConfigKey missing = hasEmail ? ConfigKey.QUERY_PASSWORD : ConfigKey.QUERY_EMAIL;
            ConfigKey given = hasEmail ? ConfigKey.QUERY_EMAIL : ConfigKey.QUERY_PASSWORD;
            v.problems.add(missing.key() + " is required when " + given.key() + " is set"
                + (hasEmail ? " (to '" + email.trim() + "')" : "")); // the e-mail is not secret, the password is
            v.failedKeys.add(missing.key());
        }
        return null;
    }

    private static URI parseUri(String s) {
        try {
            return new URI(s.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Reads keys with defaults, collecting parse problems. */
    private static final class Values {
        private final Function<String, String> lookup;
        private final List<String> problems = new ArrayList<>();
        private final List<String> failedKeys = new ArrayList<>();

        Values(Function<String, String> lookup) {
            this.lookup = lookup;
        }

        /** The key's value, else the first alias that is set (sibling SDK names), else the default. */
        String raw(ConfigKey key) {
            String value = lookup.apply(key.key());
            for (int i = 0; value == null && i < key.aliases().size(); i++) {
                value = lookup.apply(key.aliases().get(i));
            }
            return value == null ? key.defaultValue() : value;
        }

        <T> T parse(ConfigKey key, Function<String, T> parser, T fallback) {
            String value = raw(key);
            if (value == null) {
                return fallback;
            }
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                problems.add(TelemetryConfig.problem(key, value));
                failedKeys.add(key.key());
                return fallback;
            }
        }

        boolean bool(ConfigKey key) {
            return parse(key, Values::parseBoolean, Boolean.parseBoolean(key.defaultValue()));
        }

        int integer(ConfigKey key) {
            return parse(key, s -> Integer.parseInt(s.trim()), Integer.parseInt(key.defaultValue()));
        }

        Duration duration(ConfigKey key) {
            return parse(key, Durations::parse, Durations.parse(key.defaultValue()));
        }

        TelemetryConfig fail() {
            throw new TelemetryConfigException(scrubSecrets(problems));
        }

        /** Masks the value of every secret key (API key secret, query token and password) in the problems. */
        List<String> scrubSecrets(List<String> texts) {
            List<String> out = texts;
            for (ConfigKey key : ConfigKey.values()) {
                if (key.isSecret()) {
                    out = TelemetryConfig.scrub(out, raw(key));
                }
            }
            return out;
        }

        private static boolean parseBoolean(String s) {
            String v = s.trim().toLowerCase(Locale.ROOT);
            if (v.equals("true")) {
                return true;
            }
            if (v.equals("false")) {
                return false;
            }
            throw new IllegalArgumentException();
        }
    }
}
