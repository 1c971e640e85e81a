package io.telemetryflow.sdk.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A context propagation format ({@code telemetryflow.propagators}, OpenTelemetry's names). */
public enum Propagation {
    /** W3C Trace Context ({@code traceparent}, {@code tracestate}). */
    TRACECONTEXT,
    /** W3C Baggage. */
    BAGGAGE,
    /** Zipkin B3, single header ({@code b3}). */
    B3,
    /** Zipkin B3, one header per field ({@code X-B3-TraceId}, …). */
    B3MULTI;

    /**
     * Parses a comma-separated list, e.g. {@code tracecontext,baggage,b3} (case-insensitive; {@code none}
     * for none). The set iterates in this enum's order.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Set<Propagation> parseList(String value) {
        Set<Propagation> out = EnumSet.noneOf(Propagation.class);
        for (String part : value.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !name.equals("none")) {
                out.add(valueOf(name.toUpperCase(Locale.ROOT)));
            }
        }
        return Collections.unmodifiableSet(out);
    }
}
