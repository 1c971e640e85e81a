package io.telemetryflow.sdk.application;

import io.telemetryflow.sdk.domain.SpanKind;
import java.util.Map;

/**
 * Starts a span, child of the span current on the calling thread; handling it returns the new
 * span's id (16 hex characters) for {@link EndSpanCommand} and {@link AddSpanEventCommand}.
 *
 * @param name span name
 * @param kind span kind (INTERNAL if null)
 * @param attributes span attributes (copied)
 */
public record StartSpanCommand(String name, SpanKind kind, Map<String, Object> attributes) implements Command<String> {

    /** Validates and copies. */
    public StartSpanCommand {
        Attributes.requireName(name, "span name");
        kind = kind == null ? SpanKind.INTERNAL : kind;
        attributes = Attributes.copy(attributes);
    }

    /** An INTERNAL span without attributes. */
    public static StartSpanCommand of(String name) {
        return new StartSpanCommand(name, SpanKind.INTERNAL, Map.of());
    }
}
