package io.telemetryflow.sdk.internal;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.telemetryflow.sdk.domain.SignalType;
import java.util.Collection;

/**
 * Reports each span export's real outcome to {@link ExportHealth}, keeping retryably failed spans
 * in a {@link RetryBuffer} (none when its size is 0) until the backend takes them.
 */
final class HealthTrackingSpanExporter implements SpanExporter {

    private final SpanExporter delegate;
    private final RetryBuffer<SpanData> buffer;
    private final ExportHealth health;
    private final LimitsCut cut;

    HealthTrackingSpanExporter(SpanExporter delegate, ExportHealth health, RetryBuffers.Limits limits, LimitsCut cut) {
        this.delegate = delegate;
        this.health = health;
        this.cut = cut;
        this.buffer = limits.create(SignalType.TRACES, delegate::export, HealthTrackingSpanExporter::sizeOf, health,
            new io.telemetryflow.sdk.internal.disk.SpanBatchCodec());
    }

    RetryBuffer<SpanData> buffer() {
        return buffer;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        // once per span, before the retry buffer (which may send a span more than once)
        LimitsCut.Batch batch = cut.batch();
        java.util.List<SpanData> out = new java.util.ArrayList<>(spans.size());
        for (SpanData span : spans) {
            out.add(batch.cut(span));
        }
        health.truncated(SignalType.TRACES, batch.count());
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

    /** A rough estimate of a span's encoded size, for the buffer's byte bound. */
    static long sizeOf(SpanData span) {
        long size = 96 + span.getName().length() + RetryBuffers.sizeOf(span.getAttributes());
        for (EventData event : span.getEvents()) {
            size += 32 + event.getName().length() + RetryBuffers.sizeOf(event.getAttributes());
        }
        return size;
    }
}
