package io.telemetryflow.sdk.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.telemetryflow.sdk.domain.SignalType;

/** Admits ended spans into the batch processor through {@link ExportHealth}, so drops are counted by us. */
final class CountingSpanProcessor implements SpanProcessor {

    private final SpanProcessor delegate;
    private final ExportHealth health;
    private volatile boolean shutdown;

    CountingSpanProcessor(SpanProcessor delegate, ExportHealth health) {
        this.delegate = delegate;
        this.health = health;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        delegate.onStart(parentContext, span);
    }

    @Override
    public boolean isStartRequired() {
        return delegate.isStartRequired();
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (!span.getSpanContext().isSampled()) {
            return;
        }
        if (shutdown) {
            // the batch worker is gone: queueing it would leave it counted as queued forever
            health.dropped(SignalType.TRACES, 1);
            return;
        }
        if (health.admit(SignalType.TRACES)) {
            delegate.onEnd(span);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
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
