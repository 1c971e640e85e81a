package io.telemetryflow.sdk.application;

import java.util.Map;

/**
 * Adds {@code value} to the monotonic counter {@code name}.
 *
 * @param name instrument name, e.g. {@code orders.created}
 * @param value increment, must not be negative
 * @param attributes data point attributes (copied)
 */
public record RecordCounterCommand(String name, long value, Map<String, Object> attributes) implements Command<Void> {

    /** Validates and copies. */
    public RecordCounterCommand {
        Attributes.requireName(name, "counter name");
        if (value < 0) {
            throw new IllegalArgumentException("counter increment must not be negative (counter '" + name + "')");
        }
        attributes = Attributes.copy(attributes);
    }

    /** Adds {@code value} with no attributes. */
    public static RecordCounterCommand of(String name, long value) {
        return new RecordCounterCommand(name, value, Map.of());
    }

    /** Adds {@code value} with {@code attributes}. */
    public static RecordCounterCommand of(String name, long value, Map<String, ?> attributes) {
        return new RecordCounterCommand(name, value, Attributes.view(attributes));
    }
}
