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
 * @param parent trace context of the creating thread ({@code null}: use the handler thread's current context)
 */
public record StartSpanCommand(String name, SpanKind kind, Map<String, Object> attributes, TraceParent parent)
    implements Command<String> {

    /** A span whose parent is the span current on the creating thread. */
    public StartSpanCommand(String name, SpanKind kind, Map<String, Object> attributes) {
        this(name, kind, attributes, TraceParent.current());
    }

    /** Validates and copies. */
    public StartSpanCommand {
        validate(name);
        kind = kind == null ? SpanKind.INTERNAL : kind;
        attributes = Attributes.copy(attributes);
    }

    /** The record's own check, shared with the client's direct path: a non-blank name. */
    public static void validate(String name) {
        Attributes.requireName(name, "span name");
    }

    /** An INTERNAL span without attributes. */
    public static StartSpanCommand of(String name) {
        return new StartSpanCommand(name, SpanKind.INTERNAL, Map.of());
    }
}
