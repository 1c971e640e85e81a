package io.telemetryflow.devbackend;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What TelemetryFlow Core's ClickHouse tables would hold for what an {@link OtlpReceiver} decoded
 * (TELEMETRYFLOW-PLATFORM.md §2, {@code backend/src/database/clickhouse/migrations}): one row per
 * span, log record and metric data point, with snake_case columns, {@code Map(String, String)}
 * attributes (every value a string), {@code DateTime64(9)} timestamps written as ClickHouse's
 * {@code JSONEachRow} writes them ({@code yyyy-MM-dd HH:mm:ss.fffffffff}, UTC), {@code UInt64} as
 * strings, and span events as a JSON text column.
 */
final class CoreTables {

  private static final DateTimeFormatter CLICKHOUSE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);

  private CoreTables() {}

  /** A row with its time in nanoseconds kept aside for filtering and ordering. */
  record Row(long timeNanos, Map<String, Object> columns) {
    String text(String column) {
      Object v = columns.get(column);
      return v == null ? "" : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    Map<String, String> map(String column) {
      Object v = columns.get(column);
      return v == null ? Map.of() : (Map<String, String>) v;
    }
  }

  static String clickhouseTime(long epochNanos) {
    return CLICKHOUSE.format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L)));
  }

  /** {@code spans}: a span exported twice is one row (ReplacingMergeTree-like). */
  static List<Row> spans(List<ReceivedSpan> received) {
    List<Row> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ReceivedSpan s : received) {
      if (!seen.add(s.traceId() + "/" + s.spanId())) {
        continue;
      }
      Span span = s.span();
      long duration = span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("timestamp", clickhouseTime(span.getStartTimeUnixNano()));
      c.put("trace_id", s.traceId());
      c.put("span_id", s.spanId());
      c.put("parent_span_id", s.parentSpanId());
      c.put("span_name", s.name());
      c.put("span_kind", s.kind().name().replace("SPAN_KIND_", ""));
      c.put("service_name", String.valueOf(s.resourceAttributes().getOrDefault("service.name", "")));
      c.put("status_code", s.status().getCode().name().replace("STATUS_CODE_", ""));
      c.put("status_message", s.status().getMessage());
      c.put("duration_ns", Long.toString(duration)); // UInt64: a string in JSONEachRow
      c.put("resource_attributes", strings(s.resourceAttributes()));
      c.put("span_attributes", strings(s.attributes()));
      c.put("events", DevJson.text(events(span)));
      c.put("links", "[]");
      c.put("durationMs", duration / 1_000_000.0); // computed by Core's handler
      rows.add(new Row(span.getStartTimeUnixNano(), c));
    }
    return rows;
  }

  /** {@code logs}. */
  static List<Row> logs(List<ReceivedLog> received) {
    List<Row> rows = new ArrayList<>();
    for (ReceivedLog l : received) {
      long time = l.log().getTimeUnixNano() != 0 ? l.log().getTimeUnixNano() : l.log().getObservedTimeUnixNano();
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("timestamp", clickhouseTime(time));
      c.put("observed_timestamp", clickhouseTime(l.log().getObservedTimeUnixNano()));
      c.put("trace_id", l.traceId());
      c.put("span_id", l.spanId());
      c.put("trace_flags", l.log().getFlags());
      c.put("severity_text", l.severityText());
      c.put("severity_number", l.severityNumber());
      c.put("service_name", String.valueOf(l.resourceAttributes().getOrDefault("service.name", "")));
      c.put("body", l.body());
      c.put("resource_attributes", strings(l.resourceAttributes()));
      c.put("scope_name", l.scopeName());
      c.put("scope_version", l.scope().getVersion());
      c.put("log_attributes", strings(l.attributes()));
      rows.add(new Row(time, c));
    }
    return rows;
  }

  /**
   * {@code metrics}: one row per data point, its {@code value} the point's number (counter: its
   * cumulative or delta sum; gauge: the reading; histogram and summary: the sum of its measurements).
   */
  static List<Row> metrics(List<ReceivedMetric> received) {
    List<Row> rows = new ArrayList<>();
    for (ReceivedMetric rm : received) {
      Metric m = rm.metric();
      switch (m.getDataCase()) {
        case GAUGE -> m.getGauge().getDataPointsList().forEach(p -> rows.add(metric(rm, "gauge", p.getTimeUnixNano(),
            number(p), p.getAttributesList())));
        case SUM -> m.getSum().getDataPointsList().forEach(p -> rows.add(metric(rm, "counter", p.getTimeUnixNano(),
            number(p), p.getAttributesList())));
        case HISTOGRAM -> m.getHistogram().getDataPointsList().forEach(p -> rows.add(metric(rm, "histogram",
            p.getTimeUnixNano(), p.getSum(), p.getAttributesList())));
        case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogram().getDataPointsList().forEach(p -> rows.add(
            metric(rm, "histogram", p.getTimeUnixNano(), p.getSum(), p.getAttributesList())));
        case SUMMARY -> m.getSummary().getDataPointsList().forEach(p -> rows.add(metric(rm, "summary",
            p.getTimeUnixNano(), p.getSum(), p.getAttributesList())));
        default -> { }
      }
    }
    return rows;
  }

  private static Row metric(ReceivedMetric rm, String type, long timeNanos, double value, List<KeyValue> attributes) {
    Map<String, Object> resource = rm.resourceAttributes();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("timestamp", clickhouseTime(timeNanos));
    c.put("metric_name", rm.metric().getName());
    c.put("metric_type", type);
    c.put("value", value);
    c.put("service_name", String.valueOf(resource.getOrDefault("service.name", "")));
    c.put("resource_attributes", strings(resource));
    c.put("metric_attributes", strings(AnyValues.toMap(attributes)));
    c.put("unit", rm.metric().getUnit());
    return new Row(timeNanos, c);
  }

  private static double number(NumberDataPoint p) {
    return p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
  }

  private static List<Map<String, Object>> events(Span span) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (Span.Event e : span.getEventsList()) {
      Map<String, Object> attributes = new LinkedHashMap<>();
      for (KeyValue kv : e.getAttributesList()) {
        attributes.put(kv.getKey(), String.valueOf(AnyValues.toJava(kv.getValue())));
      }
      events.add(DevJson.object("name", e.getName(), "timestamp", clickhouseTime(e.getTimeUnixNano()),
          "attributes", attributes));
    }
    return events;
  }

  // ClickHouse Map(String, String): whatever was sent comes back as text.
  private static Map<String, String> strings(Map<String, Object> attributes) {
    Map<String, String> out = new LinkedHashMap<>();
    DevJson.attributes(attributes).forEach((k, v) -> out.put(k, v instanceof String s ? s : DevJson.text(v)));
    return out;
  }
}
