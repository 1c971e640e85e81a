package io.telemetryflow.bench;

import io.opentelemetry.sdk.common.CompletableResultCode;
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

/**
 * Exporters that accept every batch at once and keep nothing, under both sides of the micro benchmarks
 * with {@code -Dbench.pipeline=discard}: the raw SDK's batch processors export into them ({@link RawSdk}),
 * and the SDK takes them (through {@link ExporterSource}, registered as a service of the bench jar) under its
 * own pipeline — admission, health accounting, limits, retry buffer and batch processors still run, and its
 * stop line counts what they took. So a span benchmark measures the call and the in-process pipeline, not the
 * cores a live export takes away.
 */
public final class DiscardingExporters implements ExporterSource {

    private static final CompletableResultCode DONE = CompletableResultCode.ofSuccess();

    @Override
    public boolean active() {
        return Bench.DISCARD_PIPELINE;
    }

    @Override
    public SpanExporter spanExporter() {
        return spans();
    }

    @Override
    public MetricExporter metricExporter() {
        return metrics();
    }

    @Override
    public LogRecordExporter logRecordExporter() {
        return logs();
    }

    static SpanExporter spans() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return DONE;
            }

            @Override
            public CompletableResultCode flush() {
                return DONE;
            }

            @Override
            public CompletableResultCode shutdown() {
                return DONE;
            }
        };
    }

    static MetricExporter metrics() {
        return new MetricExporter() {
            @Override
            public AggregationTemporality getAggregationTemporality(InstrumentType type) {
                return AggregationTemporality.CUMULATIVE;
            }

            @Override
            public CompletableResultCode export(Collection<MetricData> metrics) {
                return DONE;
            }

            @Override
            public CompletableResultCode flush() {
                return DONE;
            }

            @Override
            public CompletableResultCode shutdown() {
                return DONE;
            }
        };
    }

    static LogRecordExporter logs() {
        return new LogRecordExporter() {
            @Override
            public CompletableResultCode export(Collection<LogRecordData> logs) {
                return DONE;
            }

            @Override
            public CompletableResultCode flush() {
                return DONE;
            }

            @Override
            public CompletableResultCode shutdown() {
                return DONE;
            }
        };
    }
}
