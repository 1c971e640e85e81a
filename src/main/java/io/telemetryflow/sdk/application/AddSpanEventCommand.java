package io.telemetryflow.sdk.application;

import java.util.Map;

/**
 * Adds an event to a span started with {@link StartSpanCommand}.
 *
 * @param spanId the id returned when the span was started
 * @param name event name
 * @param attributes event attributes (copied)
 */
public record AddSpanEventCommand(String spanId, String name, Map<String, Object> attributes)
    implements Command<Void> {

    /** Validates and copies. */
    public AddSpanEventCommand {
        validate(spanId, name);
        attributes = Attributes.copy(attributes);
    }

    /** The record's own checks, shared with the client's direct path: a non-blank span id and event name. */
    public static void validate(String spanId, String name) {
        Attributes.requireName(spanId, "span id");
        Attributes.requireName(name, "event name");
    }
}
