package io.telemetryflow.sdk.infrastructure;

import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.telemetryflow.sdk.application.RecordCounterCommand;
import io.telemetryflow.sdk.application.RecordGaugeCommand;
import io.telemetryflow.sdk.application.RecordHistogramCommand;
import io.telemetryflow.sdk.application.RecordMetricCommand;

/** Handles the metric commands with cached OpenTelemetry instruments. */
public final class MetricCommandHandlers {

    private final InstrumentCache instruments;

    /** Handlers recording through {@code instruments}. */
    public MetricCommandHandlers(InstrumentCache instruments) {
        this.instruments = instruments;
    }

    /** Adds to a counter. */
    public Void counter(RecordCounterCommand c) {
        LongCounter counter = instruments.counter(c.name());
        if (counter != null) {
            counter.add(c.value(), AttributeMapper.toAttributes(c.attributes()));
        }
        return null;
    }

    /** Sets a synchronous gauge. */
    public Void gauge(RecordGaugeCommand c) {
        DoubleGauge gauge = instruments.gauge(c.name(), "");
        if (gauge != null) {
            gauge.set(c.value(), AttributeMapper.toAttributes(c.attributes()));
        }
        return null;
    }

    /** Records into a histogram. */
    public Void histogram(RecordHistogramCommand c) {
        DoubleHistogram histogram = instruments.histogram(c.name(), c.unit(), null);
        if (histogram != null) {
            histogram.record(c.value(), AttributeMapper.toAttributes(c.attributes()));
        }
        return null;
    }

    /** Records a generic metric as a gauge with a unit. */
    public Void metric(RecordMetricCommand c) {
        DoubleGauge gauge = instruments.gauge(c.name(), c.unit());
        if (gauge != null) {
            gauge.set(c.value(), AttributeMapper.toAttributes(c.attributes()));
        }
        return null;
    }
}
