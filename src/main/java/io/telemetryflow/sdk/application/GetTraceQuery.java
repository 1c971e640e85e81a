package io.telemetryflow.sdk.application;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads one whole trace ({@code GET /api/v2/query/signals/traces/{traceId}}); empty when the backend does not
 * know it.
 *
 * @param traceId 32 hexadecimal characters, not all zero; upper case is accepted and lower-cased
 */
public record GetTraceQuery(String traceId) implements Query<Optional<TraceDetail>> {

    private static final String INVALID = "0".repeat(32);

    /** Validates and normalizes to lower case (the W3C / OTLP hex form). */
    public GetTraceQuery {
        if (traceId == null) {
            throw new IllegalArgumentException("trace id must not be null");
        }
        traceId = traceId.trim().toLowerCase(Locale.ROOT);
        if (!isTraceId(traceId)) {
            // The id is not secret, but it may be garbage of any length: quote a bounded part.
            String shown = traceId.length() > 40 ? traceId.substring(0, 40) + "…" : traceId;
            throw new IllegalArgumentException("trace id must be 32 hexadecimal characters, not all zero, got '"
                + shown + "'");
        }
    }

    /** The query for {@code traceId}. */
    public static GetTraceQuery of(String traceId) {
        return new GetTraceQuery(traceId);
    }

    private static boolean isTraceId(String id) {
        if (id.length() != 32 || id.equals(INVALID)) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
