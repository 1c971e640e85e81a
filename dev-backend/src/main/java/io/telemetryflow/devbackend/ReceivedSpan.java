package io.telemetryflow.devbackend;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One span as received, with the resource and instrumentation scope it was exported under.
 *
 * @param span the raw proto span
 * @param resource the resource of its {@code ResourceSpans}
 * @param scope the instrumentation scope of its {@code ScopeSpans}
 * @param export the export call that carried it (transport, headers, ...)
 */
public record ReceivedSpan(Span span, Resource resource, InstrumentationScope scope, ReceivedExport export) {

  /** Flattens the spans of trace exports, in arrival order; other signals are skipped. */
  static List<ReceivedSpan> flatten(List<ReceivedExport> exports) {
    List<ReceivedSpan> spans = new ArrayList<>();
    for (ReceivedExport export : exports) {
      if (export.signal() != Signal.TRACES) {
        continue;
      }
      for (ResourceSpans resourceSpans : export.traceRequest().getResourceSpansList()) {
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (Span span : scopeSpans.getSpansList()) {
            spans.add(new ReceivedSpan(span, resourceSpans.getResource(), scopeSpans.getScope(), export));
          }
        }
      }
    }
    return spans;
  }

  /** The span name. */
  public String name() {
    return span.getName();
  }

  /** The span attributes as plain Java values (see {@link AnyValues#toJava}). */
  public Map<String, Object> attributes() {
    return AnyValues.toMap(span.getAttributesList());
  }

  /** One span attribute as a plain Java value, or {@code null}. */
  public Object attribute(String key) {
    return attributes().get(key);
  }

  /** The resource attributes as plain Java values. */
  public Map<String, Object> resourceAttributes() {
    return AnyValues.toMap(resource.getAttributesList());
  }

  /** The instrumentation scope name (the tracer name). */
  public String scopeName() {
    return scope.getName();
  }

  /** The trace id in lower-case hex, {@code ""} if none. */
  public String traceId() {
    return AnyValues.hex(span.getTraceId());
  }

  /** The span id in lower-case hex, {@code ""} if none. */
  public String spanId() {
    return AnyValues.hex(span.getSpanId());
  }

  /** The parent span id in lower-case hex, {@code ""} for a root span. */
  public String parentSpanId() {
    return AnyValues.hex(span.getParentSpanId());
  }

  /** The span kind. */
  public Span.SpanKind kind() {
    return span.getKind();
  }

  /** The span status (code and message). */
  public Status status() {
    return span.getStatus();
  }

  /** The span events, in order. */
  public List<Span.Event> events() {
    return span.getEventsList();
  }

  /** The names of the span events, in order. */
  public List<String> eventNames() {
    return span.getEventsList().stream().map(Span.Event::getName).toList();
  }

  /** The span links. */
  public List<Span.Link> links() {
    return span.getLinksList();
  }

  /** End minus start time, in nanoseconds. */
  public long durationNanos() {
    return span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
  }

  /** A short summary: name, ids and kind. */
  @Override
  public String toString() {
    return "ReceivedSpan[" + name() + " trace=" + traceId() + " span=" + spanId()
        + " parent=" + parentSpanId() + " kind=" + kind() + "]";
  }
}
