package io.telemetryflow.sdk.internal;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.telemetryflow.sdk.domain.SignalType;
import java.util.Collection;

/** Reports each span export's real outcome to {@link ExportHealth}. */
final class HealthTrackingSpanExporter implements SpanExporter {

    private final SpanExporter delegate;
    private final ExportHealth health;

    HealthTrackingSpanExporter(SpanExporter delegate, ExportHealth health) {
        this.delegate = delegate;
        this.health = health;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        int n = spans.size();
        CompletableResultCode result;
        try {
            result = delegate.export(spans);
        } catch (RuntimeException e) {
            health.failed(SignalType.TRACES, n, true, e);
            return CompletableResultCode.ofFailure();
        }
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                health.exported(SignalType.TRACES, n, true);
            } else {
                health.failed(SignalType.TRACES, n, true, result.getFailureThrowable());
            }
        });
        return result;
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
