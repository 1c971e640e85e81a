package io.telemetryflow.cdi.jaxrs;

import java.util.Set;

/**
 * HTTP methods as the semantic conventions record them: the known methods as they are, any other
 * as {@code _OTHER} (the original goes into {@code http.request.method_original}), so a client sending
 * made-up methods cannot create unbounded metric series.
 */
final class HttpMethods {

    static final String OTHER = "_OTHER";
    private static final Set<String> KNOWN = Set.of(
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private HttpMethods() {
    }

    /** {@code method} if it is a known method (case-sensitive, as HTTP says), else {@code _OTHER}. */
    static String normalize(String method) {
        return method != null && KNOWN.contains(method) ? method : OTHER;
    }

    /** The span name's method part: {@code HTTP} for {@code _OTHER}, as the conventions say. */
    static String forSpanName(String normalized) {
        return OTHER.equals(normalized) ? "HTTP" : normalized;
    }
}
