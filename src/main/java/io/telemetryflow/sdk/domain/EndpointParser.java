package io.telemetryflow.sdk.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Resolves an OTLP endpoint ({@code host:port} or {@code http(s)://host:port}) to {@code scheme://host:port}:
 * {@code https} unless {@code insecure}, the protocol's default port (4317 gRPC, 4318 HTTP) when none
 * is given, and plaintext to a non-loopback host only with {@code insecure=true} (it carries the key).
 */
final class EndpointParser {

    private EndpointParser() {
    }

    /** The resolved endpoint, or {@code null} after adding a problem naming {@code key}. */
    static URI parse(List<String> problems, ConfigKey key, String endpoint, boolean insecure, Protocol protocol) {
        if (endpoint == null || endpoint.isBlank()) {
            problems.add(ConfigProblems.problem(key, null));
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
                problems.add(ConfigProblems.problem(key, raw));
                return null;
            }
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty() || rest.contains("/") || rest.contains("@") || rest.contains("?")
            || rest.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            problems.add(ConfigProblems.problem(key, raw));
            return null;
        }
        URI uri;
        try {
            String effectiveScheme = scheme != null ? scheme : (insecure ? "http" : "https");
            uri = new URI(effectiveScheme + "://" + rest);
            if (uri.getHost() == null) {
                problems.add(ConfigProblems.problem(key, raw));
                return null;
            }
            int port = uri.getPort();
            if (port == -1) {
                uri = new URI(effectiveScheme, null, uri.getHost(), protocol == Protocol.HTTP ? 4318 : 4317, null, null, null);
            } else if (port < 1 || port > 65535) {
                problems.add(ConfigProblems.problem(key, raw));
                return null;
            }
        } catch (URISyntaxException e) {
            problems.add(ConfigProblems.problem(key, raw));
            return null;
        }
        if ("http".equals(uri.getScheme()) && !insecure && !isLoopbackHost(uri.getHost())) {
            problems.add(key.key() + ": got '" + raw + "'; plaintext http:// to a non-loopback host"
                + " sends the API key unencrypted; use https:// or set " + ConfigKey.INSECURE.key() + "=true");
        }
        return uri;
    }

    static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
