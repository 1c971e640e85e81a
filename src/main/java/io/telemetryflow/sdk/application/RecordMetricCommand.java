package io.telemetryflow.sdk.application;

import java.util.Map;

/**
 * Records a generic measurement: like the Go SDK's {@code RecordMetric}, it is kept as a
 * gauge (last value wins) named {@code name} with {@code unit}.
 *
 * @param name instrument name
 * @param value finite value
 * @param unit UCUM unit, empty if none
 * @param attributes data point attributes (copied)
 */
public record RecordMetricCommand(String name, double value, String unit, Map<String, Object> attributes)
    implements Command<Void> {

    /** Validates and copies. */
    public RecordMetricCommand {
        validate(name, value);
        unit = unit == null ? "" : unit;
        attributes = Attributes.copy(attributes);
    }

    /** Records {@code value} with a unit and no attributes. */
    public static RecordMetricCommand of(String name, double value, String unit) {
        return new RecordMetricCommand(name, value, unit, Map.of());
    }

    /**
     * The constructor's checks, for a caller that records without building the command.
     *
     * @throws IllegalArgumentException if {@code name} is not an instrument name or {@code value} is not finite
     */
    public static void validate(String name, double value) {
        Attributes.requireName(name, "metric name");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric value must be finite (metric '" + name + "')");
        }
    }
}
