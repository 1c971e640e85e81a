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
        Attributes.requireName(spanId, "span id");
        Attributes.requireName(name, "event name");
        attributes = Attributes.copy(attributes);
    }
}
