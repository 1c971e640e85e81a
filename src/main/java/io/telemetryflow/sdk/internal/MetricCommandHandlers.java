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
        counter(prepare(c));
        return null;
    }

    /**
     * Resolves a counter command once: its instrument and its attributes. A caller whose command is
     * fixed (a {@code @Counted} method's, per outcome) prepares it once and records it with
     * {@link #counter(PreparedCounter)} on every call, allocating nothing.
     */
    public PreparedCounter prepare(RecordCounterCommand c) {
        return new PreparedCounter(c, instruments.counter(c.name()), AttributeMapper.toAttributes(c.attributes()));
    }

    /** Records a prepared counter command: the one recording path of every counter command. */
    public void counter(PreparedCounter p) {
        if (p.counter != null) {
            p.counter.add(p.command.value(), p.attributes);
        }
    }

    /**
     * Adds to a counter from already validated values: the client's allocation-free
     * {@code incrementCounter} path, whose name and attributes vary per call.
     */
    public void addToCounter(String name, long value, io.opentelemetry.api.common.Attributes attributes) {
        LongCounter counter = instruments.counter(name);
        if (counter != null) {
            counter.add(value, attributes);
        }
    }

    /** A {@link RecordCounterCommand} with its instrument and attributes resolved (immutable). */
    public static final class PreparedCounter {
        private final RecordCounterCommand command;
        private final LongCounter counter;
        private final io.opentelemetry.api.common.Attributes attributes;

        private PreparedCounter(RecordCounterCommand command, LongCounter counter,
                                io.opentelemetry.api.common.Attributes attributes) {
            this.command = command;
            this.counter = counter;
            this.attributes = attributes;
        }

        /** The command this records. */
        public RecordCounterCommand command() {
            return command;
        }

        /** Whether the instrument exists (not refused by the instrument limit). */
        public boolean usable() {
            return counter != null;
        }
    }

    /** Sets the gauge {@code name} (with {@code unit}) from validated values: the client's direct path. */
    public void setGauge(String name, String unit, double value, io.opentelemetry.api.common.Attributes attributes) {
        DoubleGauge gauge = instruments.gauge(name, unit);
        if (gauge != null) {
            gauge.set(value, attributes);
        }
    }

    /** Records into the histogram {@code name} from validated values: the client's direct path. */
    public void recordHistogram(String name, String unit, double value, io.opentelemetry.api.common.Attributes attributes) {
        DoubleHistogram histogram = instruments.histogram(name, unit, null);
        if (histogram != null) {
            histogram.record(value, attributes);
        }
    }

    /** Sets a synchronous gauge. */
    public Void gauge(RecordGaugeCommand c) {
        setGauge(c.name(), "", c.value(), AttributeMapper.toAttributes(c.attributes()));
        return null;
    }

    /** Records into a histogram. */
    public Void histogram(RecordHistogramCommand c) {
        recordHistogram(c.name(), c.unit(), c.value(), AttributeMapper.toAttributes(c.attributes()));
        return null;
    }

    /** Records a generic metric as a gauge with a unit. */
    public Void metric(RecordMetricCommand c) {
        setGauge(c.name(), c.unit(), c.value(), AttributeMapper.toAttributes(c.attributes()));
        return null;
    }
}
