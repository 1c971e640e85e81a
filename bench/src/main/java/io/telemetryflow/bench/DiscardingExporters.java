package io.telemetryflow.bench;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.telemetryflow.sdk.internal.ExporterSource;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exporters that accept every batch at once and keep nothing, under both sides of the micro benchmarks
 * with {@code -Dbench.pipeline=discard}: the raw SDK's batch processors export into them, and the SDK
 * takes them (through {@link ExporterSource}, registered as a service of the bench jar) under its own
 * pipeline — admission, health accounting, limits, retry buffer and batch processors still run. So a span
 * benchmark measures the call and the in-process pipeline, not the cores a live export takes away.
 */
public final class DiscardingExporters implements ExporterSource {

    /** Spans and log records taken by any instance, for the bench's own check that the pipeline ran. */
    static final LongAdder SPANS = new LongAdder();
    static final LongAdder LOGS = new LongAdder();

    @Override
    public boolean active() {
        return Bench.DISCARD_PIPELINE;
    }

    @Override
    public SpanExporter spanExporter() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                SPANS.add(spans.size());
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    @Override
    public MetricExporter metricExporter() {
        return new MetricExporter() {
            @Override
            public AggregationTemporality getAggregationTemporality(InstrumentType type) {
                return AggregationTemporality.CUMULATIVE;
            }

            @Override
            public MemoryMode getMemoryMode() {
                return MemoryMode.IMMUTABLE_DATA;
            }

            @Override
            public CompletableResultCode export(Collection<MetricData> metrics) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    @Override
    public LogRecordExporter logRecordExporter() {
        return new LogRecordExporter() {
            @Override
            public CompletableResultCode export(Collection<LogRecordData> logs) {
                LOGS.add(logs.size());
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
