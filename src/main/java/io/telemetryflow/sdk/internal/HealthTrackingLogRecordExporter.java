package io.telemetryflow.sdk.internal;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.telemetryflow.sdk.domain.SignalType;
import java.util.Collection;

/** Reports each log export's real outcome to {@link ExportHealth}. */
final class HealthTrackingLogRecordExporter implements LogRecordExporter {

    private final LogRecordExporter delegate;
    private final ExportHealth health;

    HealthTrackingLogRecordExporter(LogRecordExporter delegate, ExportHealth health) {
        this.delegate = delegate;
        this.health = health;
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
        int n = logs.size();
        CompletableResultCode result;
        try {
            result = delegate.export(logs);
        } catch (RuntimeException e) {
            health.failed(SignalType.LOGS, n, true, e);
            return CompletableResultCode.ofFailure();
        }
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                health.exported(SignalType.LOGS, n, true);
            } else {
                health.failed(SignalType.LOGS, n, true, result.getFailureThrowable());
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
