package io.telemetryflow.sdk.application;

import java.util.Map;

/**
 * Records {@code value} into the histogram {@code name}.
 *
 * @param name instrument name
 * @param value finite, non-negative value
 * @param unit UCUM unit such as {@code s} or {@code By}; empty if none
 * @param attributes data point attributes (copied)
 */
public record RecordHistogramCommand(String name, double value, String unit, Map<String, Object> attributes)
    implements Command<Void> {

    /** Validates and copies. */
    public RecordHistogramCommand {
        validate(name, value);
        unit = unit == null ? "" : unit;
        attributes = Attributes.copy(attributes);
    }

    /** Records {@code value} with a unit and no attributes. */
    public static RecordHistogramCommand of(String name, double value, String unit) {
        return new RecordHistogramCommand(name, value, unit, Map.of());
    }

    /** Records {@code value} with a unit and {@code attributes}. */
    public static RecordHistogramCommand of(String name, double value, String unit, Map<String, ?> attributes) {
        return new RecordHistogramCommand(name, value, unit, Attributes.view(attributes));
    }

    /**
     * The constructor's checks, for a caller that records without building the command.
     *
     * @throws IllegalArgumentException if {@code name} is not an instrument name or {@code value} is
     *     negative or not finite
     */
    public static void validate(String name, double value) {
        Attributes.requireName(name, "histogram name");
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("histogram value must be finite and not negative (histogram '"
                + name + "')");
        }
    }
}
