package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.telemetryflow.sdk.application.AddSpanEventCommand;
import io.telemetryflow.sdk.application.EndSpanCommand;
import io.telemetryflow.sdk.application.StartSpanCommand;
import io.telemetryflow.sdk.domain.SpanKind;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Handles the span commands: spans started by id are kept in the bounded {@link SpanRegistry}
 * until ended. Unknown ids (never started, already ended, evicted) are counted, not thrown:
 * ending a span twice is a harmless programming slip that must not break a request.
 */
public final class SpanCommandHandlers {

    private final Tracer tracer;
    private final SpanRegistry registry;
    private static final String UNKNOWN_SPAN = "no open span with this id (unknown, ended already, or evicted by"
        + " telemetryflow.spans.max-open)";

    private final AtomicLong unknownSpanIds = new AtomicLong();
    private final ExportHealth health;

    /** Handlers starting spans on {@code tracer}. */
    public SpanCommandHandlers(Tracer tracer, SpanRegistry registry) {
        this(tracer, registry, null);
    }

    /** Handlers starting spans on {@code tracer}; an unknown span id is counted as rejected in {@code health}. */
    public SpanCommandHandlers(Tracer tracer, SpanRegistry registry, ExportHealth health) {
        this.tracer = tracer;
        this.registry = registry;
        this.health = health;
    }

    private void unknownSpanId() {
        unknownSpanIds.incrementAndGet();
        if (health != null) {
            health.rejected(io.telemetryflow.sdk.domain.SignalType.TRACES, UNKNOWN_SPAN);
        }
    }

    /** Starts a span, child of the command's parent (the span current where it was made), and returns its id. */
    public String start(StartSpanCommand c) {
        return start(c.name(), c.kind(), TraceParents.contextFor(c.parent()),
            AttributeMapper.toRecordAttributes(c.attributes()));
    }

    /**
     * Starts a span, child of the span current on this thread, and returns its id: the client's direct
     * path (checked by {@link StartSpanCommand#validate}), without the command's map copy and trace-parent capture.
     */
    public String start(String name, SpanKind kind, io.opentelemetry.api.common.Attributes attributes) {
        return start(name, kind, null, attributes);
    }

    /** {@code parent == null}: the builder's own default, the current context (one thread-local read, not two). */
    private String start(String name, SpanKind kind, Context parent, io.opentelemetry.api.common.Attributes attributes) {
        var b = tracer.spanBuilder(name).setSpanKind(toOtel(kind));
        if (attributes != null && !attributes.isEmpty()) { // OpenTelemetry's setAllAttributes allocates its lambda even for none
            b.setAllAttributes(attributes);
        }
        if (parent != null) {
            b.setParent(parent);
        }
        return registry.register(b.startSpan());
    }

    /** Ends a span; an error sets status ERROR and records an {@code exception} event. */
    public Void end(EndSpanCommand c) {
        end(c.spanId(), c.error());
        return null;
    }

    /** Ends the open span {@code spanId} ({@code error} may be null); an id that is not open is counted. */
    public void end(String spanId, Throwable error) {
        Span span = registry.remove(spanId);
        if (span == null) {
            unknownSpanId();
            return;
        }
        if (error != null) {
            markError(span, error);
        }
        span.end();
    }

    /** Adds an event to an open span. */
    public Void addEvent(AddSpanEventCommand c) {
        addEvent(c.spanId(), c.name(), AttributeMapper.toRecordAttributes(c.attributes()));
        return null;
    }

    /** Adds an event to the open span {@code spanId}; an id that is not open is counted. */
    public void addEvent(String spanId, String name, io.opentelemetry.api.common.Attributes attributes) {
        Span span = registry.get(spanId);
        if (span == null) {
            unknownSpanId();
            return;
        }
        span.addEvent(name, attributes);
    }

    /** How many end/event commands named a span id that was not open. */
    public long unknownSpanIdCount() {
        return unknownSpanIds.get();
    }

    /** Sets ERROR status with the exception's message and records the {@code exception} event. */
    public static void markError(Span span, Throwable error) {
        String message = error.getMessage();
        span.setStatus(StatusCode.ERROR, message == null ? error.getClass().getName() : message);
        span.recordException(error);
    }

    /** Maps our span kind onto the OpenTelemetry one. */
    public static io.opentelemetry.api.trace.SpanKind toOtel(SpanKind kind) {
        if (kind == null) {
            return io.opentelemetry.api.trace.SpanKind.INTERNAL; // null means INTERNAL, as for startSpan
        }
        switch (kind) {
            case SERVER: return io.opentelemetry.api.trace.SpanKind.SERVER;
            case CLIENT: return io.opentelemetry.api.trace.SpanKind.CLIENT;
            case PRODUCER: return io.opentelemetry.api.trace.SpanKind.PRODUCER;
            case CONSUMER: return io.opentelemetry.api.trace.SpanKind.CONSUMER;
            default: return io.opentelemetry.api.trace.SpanKind.INTERNAL;
        }
    }
}
