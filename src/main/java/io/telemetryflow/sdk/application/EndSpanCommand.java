package io.telemetryflow.sdk.application;

/**
 * Ends a span started with {@link StartSpanCommand}; a non-null {@code error} sets status ERROR
 * and records an {@code exception} event.
 *
 * @param spanId the id returned when the span was started
 * @param error the failure, or {@code null} for success
 */
public record EndSpanCommand(String spanId, Throwable error) implements Command<Void> {

    /** Validates. */
    public EndSpanCommand {
        validate(spanId);
    }

    /** The record's own check, shared with the client's direct path: a non-blank span id. */
    public static void validate(String spanId) {
        Attributes.requireName(spanId, "span id");
    }

    /** Ends the span successfully. */
    public static EndSpanCommand of(String spanId) {
        return new EndSpanCommand(spanId, null);
    }
}
