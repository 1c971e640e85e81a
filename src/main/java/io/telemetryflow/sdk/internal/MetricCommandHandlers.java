package io.telemetryflow.sdk.internal;

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
        addToCounter(c.name(), c.value(), AttributeMapper.toAttributes(c.attributes()));
        return null;
    }

    /**
     * Adds to a counter from already validated values: the recording both {@link #counter} and the
     * client's allocation-free {@code incrementCounter} path share.
     */
    public void addToCounter(String name, long value, io.opentelemetry.api.common.Attributes attributes) {
        LongCounter counter = instruments.counter(name);
        if (counter != null) {
            counter.add(value, attributes);
        }
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
