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
        Attributes.requireName(name, "metric name");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric value must be finite (metric '" + name + "')");
        }
        unit = unit == null ? "" : unit;
        attributes = Attributes.copy(attributes);
    }

    /** Records {@code value} with a unit and no attributes. */
    public static RecordMetricCommand of(String name, double value, String unit) {
        return new RecordMetricCommand(name, value, unit, Map.of());
    }
}
