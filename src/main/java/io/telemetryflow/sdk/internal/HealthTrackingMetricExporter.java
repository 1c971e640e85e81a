package io.telemetryflow.sdk.internal;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.telemetryflow.sdk.domain.SignalType;
import java.util.Collection;

/**
 * Reports each metric export's real outcome to {@link ExportHealth}, counting data points
 * (metrics are aggregated in memory, so there is no queue to overflow).
 */
final class HealthTrackingMetricExporter implements MetricExporter {

    private final MetricExporter delegate;
    private final ExportHealth health;

    HealthTrackingMetricExporter(MetricExporter delegate, ExportHealth health) {
        this.delegate = delegate;
        this.health = health;
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
        int points = 0;
        for (MetricData m : metrics) {
            points += m.getData().getPoints().size();
        }
        int n = points;
        CompletableResultCode result;
        try {
            result = delegate.export(metrics);
        } catch (RuntimeException e) {
            health.failed(SignalType.METRICS, n, false, e);
            return CompletableResultCode.ofFailure();
        }
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                health.exported(SignalType.METRICS, n, false);
            } else {
                health.failed(SignalType.METRICS, n, false, result.getFailureThrowable());
            }
        });
        return result;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return delegate.getAggregationTemporality(instrumentType);
    }

    @Override
    public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
        return delegate.getDefaultAggregation(instrumentType);
    }

    @Override
    public MemoryMode getMemoryMode() {
        return delegate.getMemoryMode();
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
