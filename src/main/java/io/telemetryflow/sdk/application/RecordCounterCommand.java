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
        validate(name, value);
        attributes = Attributes.copy(attributes);
    }

    /**
     * The constructor's checks of {@code name} and {@code value}, for a caller that records the same
     * increment without building the command ({@code TelemetryClient.incrementCounter}).
     *
     * @throws IllegalArgumentException if {@code name} is null or blank, or {@code value} is negative
     */
    public static void validate(String name, long value) {
        Attributes.requireName(name, "counter name");
        if (value < 0) {
            throw new IllegalArgumentException("counter increment must not be negative (counter '" + name + "')");
        }
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
