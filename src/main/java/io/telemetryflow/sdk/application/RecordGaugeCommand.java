package io.telemetryflow.sdk.application;

import java.util.Map;

/**
 * Sets the current value of the gauge {@code name} (a synchronous OpenTelemetry gauge).
 *
 * @param name instrument name
 * @param value finite value
 * @param attributes data point attributes (copied)
 */
public record RecordGaugeCommand(String name, double value, Map<String, Object> attributes) implements Command<Void> {

    /** Validates and copies. */
    public RecordGaugeCommand {
        validate(name, value);
        attributes = Attributes.copy(attributes);
    }

    /**
     * The constructor's checks, for a caller that records without building the command.
     *
     * @throws IllegalArgumentException if {@code name} is not an instrument name or {@code value} is not finite
     */
    public static void validate(String name, double value) {
        Attributes.requireName(name, "gauge name");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("gauge value must be finite (gauge '" + name + "')");
        }
    }

    /** Sets {@code value} with no attributes. */
    public static RecordGaugeCommand of(String name, double value) {
        return new RecordGaugeCommand(name, value, Map.of());
    }

    /** Sets {@code value} with {@code attributes}. */
    public static RecordGaugeCommand of(String name, double value, Map<String, ?> attributes) {
        return new RecordGaugeCommand(name, value, Attributes.view(attributes));
    }
}
