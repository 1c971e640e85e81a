package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.telemetryflow.sdk.application.TraceParent;

/** Converts between OpenTelemetry's current span and the commands' {@link TraceParent}. */
public final class TraceParents {

    private TraceParents() {
    }

    /** The current span as a {@link TraceParent}, or {@code null}. */
    public static TraceParent capture() {
        SpanContext sc = Span.current().getSpanContext();
        return sc.isValid() ? new TraceParent(sc.getTraceId(), sc.getSpanId(), sc.isSampled()) : null;
    }

    /** The context a handler should record in: the command's parent if it has one, else the current context. */
    public static Context contextFor(TraceParent parent) {
        Context current = Context.current();
        if (parent == null) {
            return current;
        }
        SpanContext sc = Span.fromContext(current).getSpanContext();
        if (sc.isValid() && sc.getSpanId().equals(parent.spanId()) && sc.getTraceId().equals(parent.traceId())) {
            return current;
        }
        SpanContext restored = SpanContext.create(parent.traceId(), parent.spanId(),
            parent.sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        return current.with(Span.wrap(restored));
    }
}
