package io.telemetryflow.sdk.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.telemetryflow.sdk.domain.SignalType;

/** Admits emitted log records into the batch processor through {@link ExportHealth}, so drops are counted by us. */
final class CountingLogRecordProcessor implements LogRecordProcessor {

    private final LogRecordProcessor delegate;
    private final ExportHealth health;
    private volatile boolean shutdown;

    CountingLogRecordProcessor(LogRecordProcessor delegate, ExportHealth health) {
        this.delegate = delegate;
        this.health = health;
    }

    @Override
    public void onEmit(Context context, ReadWriteLogRecord logRecord) {
        if (shutdown) {
            // the batch worker is gone: queueing it would leave it counted as queued forever
            health.dropped(SignalType.LOGS, 1);
            return;
        }
        if (health.admit(SignalType.LOGS)) {
            delegate.onEmit(context, logRecord);
        }
    }

    @Override
    public CompletableResultCode shutdown() {
        shutdown = true;
        return delegate.shutdown();
    }

    @Override
    public CompletableResultCode forceFlush() {
        return delegate.forceFlush();
    }
}
