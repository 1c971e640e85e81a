package io.telemetryflow.testing;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The traces side of {@link DevQueryBackend}: {@code GET /api/v1/traces/{traceId}} and
 * {@code GET /api/v1/traces} over the spans an {@link OtlpReceiver} decoded.
 *
 * <p><b>Assembly.</b> Spans are grouped by trace id (a span exported twice counts once). A trace
 * starts with its earliest span and ends with its latest; its root is the first span without a
 * parent in the trace; its service is the root's {@code service.name}; its error count is the
 * number of spans with status ERROR. Spans are listed by start time.
 *
 * <p><b>Search.</b> The trace's start must lie in [start, end). {@code service},
 * {@code operation} (span name) and {@code tag.k=v} (span then resource attributes) must all hold
 * for one and the same span, as in Jaeger. {@code minDurationMs}/{@code maxDurationMs} bound the
 * trace's duration (inclusive), {@code hasError} its error count (&gt; 0 or 0). Newest first, then
 * paged with {@code limit}/{@code offset}.
 */
final class DevTraces {

  private DevTraces() {}

  /** One assembled trace. */
  record Trace(String traceId, List<ReceivedSpan> spans, ReceivedSpan root, long startNanos, long endNanos,
      int errorCount) {

    long durationNanos() {
      return endNanos - startNanos;
    }

    String serviceName() {
      Object service = root.resourceAttributes().get("service.name");
      return service == null ? "" : String.valueOf(service);
    }
  }

  /** Assembles every received span into traces, keyed by trace id. */
  static Map<String, Trace> assemble(List<ReceivedSpan> received) {
    Map<String, List<ReceivedSpan>> byTrace = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (ReceivedSpan s : received) {
      if (seen.add(s.traceId() + "/" + s.spanId())) {
        byTrace.computeIfAbsent(s.traceId(), t -> new ArrayList<>()).add(s);
      }
    }
    Map<String, Trace> traces = new LinkedHashMap<>();
    byTrace.forEach((id, spans) -> traces.put(id, trace(id, spans)));
    return traces;
  }

  private static Trace trace(String traceId, List<ReceivedSpan> unordered) {
    List<ReceivedSpan> spans = new ArrayList<>(unordered);
    spans.sort(Comparator.comparingLong((ReceivedSpan s) -> s.span().getStartTimeUnixNano()));
    Set<String> ids = new HashSet<>();
    spans.forEach(s -> ids.add(s.spanId()));
    ReceivedSpan root = spans.stream().filter(s -> !ids.contains(s.parentSpanId())).findFirst().orElse(spans.get(0));
    long start = spans.stream().mapToLong(s -> s.span().getStartTimeUnixNano()).min().orElse(0);
    long end = spans.stream().mapToLong(s -> s.span().getEndTimeUnixNano()).max().orElse(0);
    int errors = (int) spans.stream().filter(s -> s.status().getCode() == Status.StatusCode.STATUS_CODE_ERROR).count();
    return new Trace(traceId, List.copyOf(spans), root, start, end, errors);
  }

  /** {@code GET /api/v1/traces/{traceId}}: the trace's JSON. */
  static Map<String, Object> detail(Trace t) {
    List<Map<String, Object>> spans = new ArrayList<>();
    for (ReceivedSpan s : t.spans()) {
      Span p = s.span();
      List<Map<String, Object>> events = new ArrayList<>();
      for (Span.Event e : p.getEventsList()) {
        events.add(DevJson.object("name", e.getName(), "timestamp", DevJson.timestamp(e.getTimeUnixNano()),
            "attributes", DevJson.attributes(AnyValues.toMap(e.getAttributesList()))));
      }
      spans.add(DevJson.object(
          "spanId", s.spanId(),
          "parentId", s.parentSpanId().isEmpty() ? null : s.parentSpanId(),
          "name", s.name(),
          "kind", kind(p.getKind()),
          "startTime", DevJson.timestamp(p.getStartTimeUnixNano()),
          "endTime", DevJson.timestamp(p.getEndTimeUnixNano()),
          "durationMs", DevJson.millis(s.durationNanos()),
          "attributes", DevJson.attributes(s.attributes()),
          "events", events,
          "status", DevJson.object("code", statusCode(p.getStatus().getCode()), "message", p.getStatus().getMessage())));
    }
    return DevJson.object("traceId", t.traceId(), "startTime", DevJson.timestamp(t.startNanos()),
        "endTime", DevJson.timestamp(t.endNanos()), "durationMs", DevJson.millis(t.durationNanos()), "spans", spans);
  }

  /** {@code GET /api/v1/traces}. */
  static Map<String, Object> search(DevParams params, Map<String, Trace> traces) {
    DevParams.Window window = params.window();
    String service = params.get("service");
    String operation = params.get("operation");
    Map<String, String> tags = params.prefixed("tag.");
    Double minMs = params.decimal("minDurationMs");
    Double maxMs = params.decimal("maxDurationMs");
    Boolean hasError = params.bool("hasError");
    List<Trace> matching = traces.values().stream()
        .filter(t -> window.contains(t.startNanos()))
        .filter(t -> t.spans().stream().anyMatch(s -> spanMatches(s, service, operation, tags)))
        .filter(t -> minMs == null || DevJson.millis(t.durationNanos()) >= minMs)
        .filter(t -> maxMs == null || DevJson.millis(t.durationNanos()) <= maxMs)
        .filter(t -> hasError == null || hasError == (t.errorCount() > 0))
        .sorted(Comparator.comparingLong(Trace::startNanos).reversed())
        .toList();
    DevParams.Page<Trace> page = params.page(matching);
    List<Map<String, Object>> summaries = new ArrayList<>();
    for (Trace t : page.items()) {
      summaries.add(DevJson.object(
          "traceId", t.traceId(),
          "rootSpan", t.root().name(),
          "serviceName", t.serviceName(),
          "durationMs", DevJson.millis(t.durationNanos()),
          "startTime", DevJson.timestamp(t.startNanos()),
          "spanCount", t.spans().size(),
          "errorCount", t.errorCount()));
    }
    return DevJson.object("traces", summaries, "totalCount", page.totalCount(), "hasMore", page.hasMore());
  }

  private static boolean spanMatches(ReceivedSpan s, String service, String operation, Map<String, String> tags) {
    Map<String, Object> resource = s.resourceAttributes();
    return (service == null || service.equals(String.valueOf(resource.get("service.name"))))
        && (operation == null || operation.equals(s.name()))
        && DevAttributes.matches(s.attributes(), resource, tags);
  }

  private static String kind(Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_SERVER -> "SERVER";
      case SPAN_KIND_CLIENT -> "CLIENT";
      case SPAN_KIND_PRODUCER -> "PRODUCER";
      case SPAN_KIND_CONSUMER -> "CONSUMER";
      default -> "INTERNAL";
    };
  }

  private static String statusCode(Status.StatusCode code) {
    return switch (code) {
      case STATUS_CODE_OK -> "OK";
      case STATUS_CODE_ERROR -> "ERROR";
      default -> "UNSET";
    };
  }
}
