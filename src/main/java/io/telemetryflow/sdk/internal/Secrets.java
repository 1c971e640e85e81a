package io.telemetryflow.sdk.internal;

import io.telemetryflow.sdk.domain.Credentials;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Redaction of API key secrets from text that may end up in a log line or a health message, e.g.
 * a backend error message that echoes the request's {@code authorization} header.
 *
 * <p>The secrets of running clients are registered here so that the log filter on
 * OpenTelemetry's loggers (which are shared by every client in the JVM) can scrub them too.
 */
final class Secrets {

    /** What a secret is replaced with. */
    static final String MASK = "****";

    // secret -> number of running clients using it
    private static final Map<String, Integer> ACTIVE = new ConcurrentHashMap<>();

    private Secrets() {
    }

    /** Registers the secret of a starting client. */
    static void register(String secret) {
        if (isScrubbable(secret)) {
            ACTIVE.merge(secret, 1, Integer::sum);
        }
    }

    /** Unregisters the secret of a stopped client. */
    static void unregister(String secret) {
        if (isScrubbable(secret)) {
            ACTIVE.computeIfPresent(secret, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** The secrets of the running clients (a snapshot). */
    static Set<String> active() {
        return Set.copyOf(ACTIVE.keySet());
    }

    /** Whether {@code text} contains any active secret. */
    static boolean containsActive(String text) {
        if (text == null || ACTIVE.isEmpty()) {
            return false;
        }
        for (String s : ACTIVE.keySet()) {
            String tail = tail(s);
            if (text.contains(s) || tail.length() >= 8 && text.contains(tail)) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with every active secret masked. */
    static String scrubActive(String text) {
        if (text == null || ACTIVE.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : ACTIVE.keySet()) {
            out = scrub(out, s);
        }
        return out;
    }

    /** {@code text} with {@code secret} (and its part after {@code tfs_}, if long enough to be unambiguous) masked. */
    static String scrub(String text, String secret) {
        if (text == null || !isScrubbable(secret)) {
            return text;
        }
        String out = text.replace(secret, MASK);
        String tail = tail(secret);
        if (tail.length() >= 8) {
            out = out.replace(tail, MASK);
        }
        return out;
    }

    private static String tail(String secret) {
        return secret.startsWith(Credentials.KEY_SECRET_PREFIX)
            ? secret.substring(Credentials.KEY_SECRET_PREFIX.length()) : secret;
    }

    // Very short "secrets" are invalid anyway; replacing two letters everywhere would garble text.
    private static boolean isScrubbable(String secret) {
        return secret != null && secret.length() >= 4;
    }
}
