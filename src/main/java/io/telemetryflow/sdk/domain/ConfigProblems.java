package io.telemetryflow.sdk.domain;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The wording of configuration problems, with secrets and URL user-info kept out of them. */
final class ConfigProblems {

    private ConfigProblems() {
    }

    /**
     * The standard problem text: {@code key is required: …} when {@code value} is {@code null} (not set),
     * else {@code key: got 'value'; allowed …} (never the secret's value).
     */
    static String problem(ConfigKey key, String value) {
        if (value == null) {
            return required(key.key(), key.allowed());
        }
        return got(key.key(), key.isSecret() ? "<hidden>" : redactUserInfo(value), key.allowed());
    }

    /** {@code key is required: allowed}. */
    static String required(String key, String allowed) {
        return key + " is required: " + allowed;
    }

    /** {@code key: got 'value'; allowed …} for a value that may be shown. */
    static String got(String key, String shown, String allowed) {
        return key + ": got '" + shown + "'; allowed " + allowed;
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

    /** {@link #scrub} for the API key secret and, if given, the query password and token. */
    static List<String> scrub(List<String> problems, String keySecret, QueryCredentials query) {
        List<String> masked = scrub(problems, keySecret);
        if (query != null) { // a password or token pasted into another key stays hidden
            masked = scrub(scrub(masked, query.password().orElse(null)), query.token().orElse(null));
        }
        return masked;
    }

    /** {@link TelemetryConfig#toString()} of an enabled configuration: secrets as {@code ****}, URL user-info hidden. */
    static String describe(Map<ConfigKey, Object> values, URI endpoint, Map<String, String> attributes,
                           Map<String, List<Double>> histogramBuckets, QueryCredentials query) {
        StringBuilder sb = new StringBuilder("TelemetryConfig{");
        values.forEach((key, value) -> {
            if (value != null && key != ConfigKey.ENABLED) {
                sb.append(key.key().substring("telemetryflow.".length())).append('=')
                    .append(key.isSecret() ? "****" : redactUserInfo(String.valueOf(value))).append(", ");
            }
        });
        sb.append("endpoint=").append(endpoint).append(", attributes=").append(attributes);
        if (!histogramBuckets.isEmpty()) {
            sb.append(", histogramBuckets=").append(histogramBuckets);
        }
        return sb.append(query == null ? "" : ", " + query).append('}').toString();
    }
}
