package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.trace.Span;
import io.telemetryflow.sdk.domain.SignalType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spans started with {@code startSpan} and not yet ended, by span id.
 *
 * <p>Bounded: when the cap is reached, the oldest open span is discarded (never exported) and
 * counted as a dropped span, so forgotten {@code endSpan} calls cannot grow memory.
 */
public final class SpanRegistry {

    private final int capacity;
    private final ExportHealth health;
    private final Map<String, Span> open;
    private long overflow;

    /** A registry holding at most {@code capacity} open spans. */
    public SpanRegistry(int capacity, ExportHealth health) {
        this.capacity = capacity;
        this.health = health;
        this.open = new LinkedHashMap<>(Math.min(capacity, 1024) * 2);
    }

    /** Registers {@code span} under its span id and returns the id. */
    public String register(Span span) {
        String id = span.getSpanContext().getSpanId();
        boolean evicted = false;
        synchronized (this) {
            if (open.size() >= capacity) {
                var it = open.entrySet().iterator();
                it.next();
                it.remove();
                overflow++;
                evicted = true;
            }
            open.put(id, span);
        }
        if (evicted) {
            health.dropped(SignalType.TRACES, 1);
        }
        return id;
    }

    /** Removes and returns the span {@code id}, or {@code null} if unknown (never started, ended or evicted). */
    public synchronized Span remove(String id) {
        return open.remove(id);
    }

    /** The span {@code id}, or {@code null}. */
    public synchronized Span get(String id) {
        return open.get(id);
    }

    /** The ids of the open spans, oldest first (a snapshot). */
    public synchronized java.util.List<String> ids() {
        return java.util.List.copyOf(open.keySet());
    }

    /** Number of open spans. */
    public synchronized int size() {
        return open.size();
    }

    /** Number of spans discarded because the cap was reached. */
    public synchronized long overflowCount() {
        return overflow;
    }

    /** Removes every open span (on shutdown), returning how many there were. */
    public synchronized int clear() {
        int n = open.size();
        open.clear();
        return n;
    }
}
