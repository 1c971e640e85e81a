package io.telemetryflow.sdk;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.telemetryflow.sdk.internal.AttributeMapper;
import io.telemetryflow.sdk.internal.SpanCommandHandlers;
import java.util.Map;

/**
 * A span that is current on the creating thread until {@link #close()}: spans, logs and
 * metrics exemplars recorded inside belong to it.
 *
 * <pre>{@code
 * try (TelemetrySpan span = telemetry.span("checkout")) {
 *     span.setAttribute("order.id", id);
 *     ...
 * } // ended here
 * }</pre>
 *
 * <p>Close it on the thread that opened it (the scope is thread-bound).
 */
public final class TelemetrySpan implements AutoCloseable {

    private final Span span;
    private final Scope scope;
    private boolean closed;

    TelemetrySpan(Span span) {
        this.span = span;
        this.scope = span.makeCurrent();
    }

    /** The span id (16 hex characters; all zeros when telemetry is disabled). */
    public String spanId() {
        return span.getSpanContext().getSpanId();
    }

    /** The trace id (32 hex characters; all zeros when telemetry is disabled). */
    public String traceId() {
        return span.getSpanContext().getTraceId();
    }

    /** Sets an attribute (same typing rules as the attribute maps). */
    public TelemetrySpan setAttribute(String key, Object value) {
        if (key != null && value != null) {
            span.setAllAttributes(AttributeMapper.toAttributes(Map.of(key, value)));
        }
        return this;
    }

    /** Adds an event. */
    public TelemetrySpan addEvent(String name, Map<String, ?> attributes) {
        span.addEvent(name, AttributeMapper.toRecordAttributes(attributes));
        return this;
    }

    /** Marks the span failed: status ERROR and an {@code exception} event. */
    public TelemetrySpan recordError(Throwable error) {
        if (error != null) {
            SpanCommandHandlers.markError(span, error);
        }
        return this;
    }

    /** Ends the span and restores the previous current span. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            scope.close();
        } finally {
            span.end();
        }
    }
}
