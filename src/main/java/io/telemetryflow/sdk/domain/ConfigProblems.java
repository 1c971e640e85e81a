package io.telemetryflow.sdk.domain;

import java.util.ArrayList;
import java.util.List;

/** The wording of configuration problems, with secrets and URL user-info kept out of them. */
final class ConfigProblems {

    private ConfigProblems() {
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
