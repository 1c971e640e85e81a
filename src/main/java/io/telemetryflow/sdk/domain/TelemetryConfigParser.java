package io.telemetryflow.sdk.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a {@link TelemetryConfig} from configuration text — MicroProfile Config, environment
 * variables or system properties all come down to "value of key K, or absent".
 *
 * <p>Every key is read the same way: its value, else its first alias that is set (the sibling SDKs'
 * names), else its default, parsed by its {@link ConfigKind}. Only the composite credentials and
 * the service-name fallback are read by hand. Every problem (parse errors and validation errors) is
 * collected and reported in one {@link TelemetryConfigException}; no secret's value is part of a message.
 */
public final class TelemetryConfigParser {

    private TelemetryConfigParser() {
    }

    /**
     * Parses the configuration, finding the open-ended keys among {@code propertyNames}: custom resource
     * attributes ({@code telemetryflow.attributes.<key>}, or {@code TELEMETRYFLOW_ATTRIBUTES_<KEY>}, for
     * which the dotted name wins) and histogram buckets ({@code telemetryflow.metrics.histogram.<name>.buckets}).
     *
     * @param lookup value of a property name, or {@code null} if absent
     * @param propertyNames every property name the source knows (e.g. MicroProfile Config's)
     * @param serviceNameFallback used when {@code telemetryflow.service-name} is absent; may be {@code null}
     * @throws TelemetryConfigException listing every invalid key
     */
    public static TelemetryConfig parseProperties(Function<String, String> lookup, Iterable<String> propertyNames,
                                                  String serviceNameFallback) {
        String envPrefix = ConfigKey.toEnvName(ConfigKey.ATTRIBUTES_PREFIX);
        Map<String, String> fromEnv = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        Map<String, String> buckets = new LinkedHashMap<>();
        for (String name : propertyNames) {
            String attribute = suffix(name, ConfigKey.ATTRIBUTES_PREFIX, "");
            String envAttribute = suffix(name, envPrefix, "");
            String histogram = suffix(name, ConfigKey.HISTOGRAM_PREFIX, ConfigKey.HISTOGRAM_BUCKETS_SUFFIX);
            String value = attribute == null && envAttribute == null && histogram == null ? null : lookup.apply(name);
            if (value == null) {
                continue;
            }
            if (attribute != null) {
                attributes.put(attribute, value);
            } else if (envAttribute != null) {
                fromEnv.put(envAttribute.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            } else {
                buckets.put(histogram, value);
            }
        }
        fromEnv.putAll(attributes);
        return parse(lookup, fromEnv, buckets, serviceNameFallback);
    }

    /** The part of {@code name} between {@code prefix} and {@code end}, or {@code null} if it has not that form or is empty. */
    private static String suffix(String name, String prefix, String end) {
        return name.startsWith(prefix) && name.endsWith(end) && name.length() > prefix.length() + end.length()
            ? name.substring(prefix.length(), name.length() - end.length()) : null;
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
        return parse(lookup, customAttributes, Map.of(), serviceNameFallback);
    }

    private static TelemetryConfig parse(Function<String, String> lookup, Map<String, String> customAttributes,
                                         Map<String, String> histogramBuckets, String serviceNameFallback) {
        Values v = new Values(lookup);
        if (!Boolean.TRUE.equals(v.typed(ConfigKey.ENABLED))) {
            return v.problems.isEmpty() ? TelemetryConfig.disabled() : v.fail();
        }
        TelemetryConfigBuilder b = TelemetryConfig.builder();
        for (ConfigKey key : ConfigKey.values()) {
            if (key.kind() != ConfigKind.CREDENTIAL && key != ConfigKey.ENABLED) { // enabled: read above
                b.set(key, v.typed(key));
            }
        }
        b.apiKey(v.raw(ConfigKey.API_KEY_ID), v.raw(ConfigKey.API_KEY_SECRET));
        String serviceName = v.raw(ConfigKey.SERVICE_NAME);
        b.serviceName(serviceName == null || serviceName.isBlank() ? serviceNameFallback : serviceName);
        b.queryCredentials(queryCredentials(v));
        if (customAttributes != null) {
            customAttributes.forEach(b::attribute);
        }
        histogramBuckets.forEach((name, text) -> {
            try {
                b.histogramBuckets(name, HistogramBuckets.parse(text));
            } catch (NumberFormatException e) {
                String key = ConfigKey.HISTOGRAM_PREFIX + name + ConfigKey.HISTOGRAM_BUCKETS_SUFFIX;
                v.problems.add(ConfigProblems.got(key, text,
                    "finite, strictly ascending numbers separated by commas, e.g. 0.005,0.01,0.1,1"));
                v.failedKeys.add(key);
            }
        });
        try {
            TelemetryConfig config = b.build();
            return v.problems.isEmpty() ? config : v.fail();
        } catch (TelemetryConfigException e) {
            // Report parse problems first, then validation problems of keys that did parse.
            List<String> all = new ArrayList<>(v.problems);
            for (String p : e.problems()) {
                if (v.failedKeys.stream().noneMatch(k -> p.startsWith(k + ":") || p.startsWith(k + " "))) {
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

    /** Reads keys with aliases and defaults, collecting parse problems. */
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

        /** The typed value by the key's kind; on a parse error the problem is noted and the default kept. */
        Object typed(ConfigKey key) {
            String value = raw(key);
            if (value == null) {
                return null;
            }
            try {
                return key.kind().parse(value);
            } catch (RuntimeException e) {
                problems.add(ConfigProblems.problem(key, value));
                failedKeys.add(key.key());
                return key.typedDefault();
            }
        }

        TelemetryConfig fail() {
            throw new TelemetryConfigException(scrubSecrets(problems));
        }

        /** Masks the value of every secret key (API key secret, query token and password) in the problems. */
        List<String> scrubSecrets(List<String> texts) {
            List<String> out = texts;
            for (ConfigKey key : ConfigKey.values()) {
                if (key.isSecret()) {
                    out = ConfigProblems.scrub(out, raw(key));
                }
            }
            return out;
        }
    }
}
