package io.telemetryflow.sdk.internal;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.telemetryflow.sdk.domain.SignalType;
import java.util.Collection;

/**
 * Reports each log export's real outcome to {@link ExportHealth}, keeping retryably failed log
 * records in a {@link RetryBuffer} (none when its size is 0) until the backend takes them.
 */
final class HealthTrackingLogRecordExporter implements LogRecordExporter {

    private final LogRecordExporter delegate;
    private final RetryBuffer<LogRecordData> buffer;
    private final ExportHealth health;
    private final LimitsCut cut;

    HealthTrackingLogRecordExporter(LogRecordExporter delegate, ExportHealth health, RetryBuffers.Limits limits,
                                    LimitsCut cut) {
        this.delegate = delegate;
        this.health = health;
        this.cut = cut;
        this.buffer = limits.create(SignalType.LOGS, delegate::export, HealthTrackingLogRecordExporter::sizeOf, health,
            new io.telemetryflow.sdk.internal.disk.LogBatchCodec());
    }

    RetryBuffer<LogRecordData> buffer() {
        return buffer;
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
        // once per record, before the retry buffer (which may send a record more than once)
        LimitsCut.Batch batch = cut.batch();
        java.util.List<LogRecordData> out = new java.util.ArrayList<>(logs.size());
        for (LogRecordData log : logs) {
            out.add(batch.cut(log));
        }
        health.truncated(SignalType.LOGS, batch.count());
        return buffer.export(out);
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        buffer.shutdown();
        return delegate.shutdown();
    }

    /** A rough estimate of a log record's encoded size, for the buffer's byte bound. */
    @SuppressWarnings("deprecation") // getBody(): the value form needs the incubating API
    static long sizeOf(LogRecordData log) {
        return 96 + log.getBody().asString().length() + RetryBuffers.sizeOf(log.getAttributes());
    }
}
