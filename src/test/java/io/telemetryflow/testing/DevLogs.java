package io.telemetryflow.testing;

import io.telemetryflow.sdk.domain.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The logs side of {@link DevQueryBackend}: {@code GET /api/v1/logs} over the log records an
 * {@link OtlpReceiver} decoded.
 *
 * <p>A record's time is its timestamp, or its observed timestamp when it has none. Its severity
 * comes from the OTLP severity number (or, without one, the severity text; INFO when neither).
 * {@code severity=INFO,ERROR} keeps exactly those levels; {@code search} keeps messages that
 * contain the text, ignoring case; {@code filter.k=v} matches record then resource attributes.
 * Newest first (ties: last received first), then paged with {@code limit}/{@code offset}.
 */
final class DevLogs {

  private DevLogs() {}

  /** One log record, flattened; {@code seq} is the arrival order. */
  record Entry(long timeNanos, Severity severity, String message, Map<String, Object> attributes,
      Map<String, Object> resource, String traceId, String spanId, long seq) {}

  static List<Entry> entries(List<ReceivedLog> logs) {
    List<Entry> entries = new ArrayList<>(logs.size());
    long seq = 0;
    for (ReceivedLog l : logs) {
      long time = l.log().getTimeUnixNano() != 0 ? l.log().getTimeUnixNano() : l.log().getObservedTimeUnixNano();
      entries.add(new Entry(time, severity(l), l.body(), l.attributes(), l.resourceAttributes(), l.traceId(),
          l.spanId(), seq++));
    }
    return entries;
  }

  /** {@code GET /api/v1/logs}. */
  static Map<String, Object> query(DevParams params, List<Entry> all) {
    DevParams.Window window = params.window();
    Set<Severity> severities = EnumSet.noneOf(Severity.class);
    for (String s : params.csv("severity")) {
      try {
        severities.add(Severity.parse(s));
      } catch (IllegalArgumentException e) {
        throw new DevParams.BadRequest("parameter 'severity': unknown level '" + s + "'");
      }
    }
    String search = params.get("search");
    String needle = search == null ? null : search.toLowerCase(Locale.ROOT);
    Map<String, String> filters = params.prefixed("filter.");
    List<Entry> matching = all.stream()
        .filter(e -> window.contains(e.timeNanos()))
        .filter(e -> severities.isEmpty() || severities.contains(e.severity()))
        .filter(e -> needle == null || e.message().toLowerCase(Locale.ROOT).contains(needle))
        .filter(e -> DevAttributes.matches(e.attributes(), e.resource(), filters))
        .sorted(Comparator.comparingLong(Entry::timeNanos).thenComparingLong(Entry::seq).reversed())
        .toList();
    DevParams.Page<Entry> page = params.page(matching);
    List<Map<String, Object>> logs = new ArrayList<>();
    for (Entry e : page.items()) {
      logs.add(DevJson.object(
          "timestamp", DevJson.timestamp(e.timeNanos()),
          "severity", e.severity().name(),
          "message", e.message(),
          "attributes", DevJson.attributes(e.attributes()),
          "traceId", e.traceId().isEmpty() ? null : e.traceId(),
          "spanId", e.spanId().isEmpty() ? null : e.spanId()));
    }
    return DevJson.object("logs", logs, "totalCount", page.totalCount(), "hasMore", page.hasMore());
  }

  private static Severity severity(ReceivedLog l) {
    if (l.severityNumber() > 0) {
      return Severity.fromSeverityNumber(l.severityNumber());
    }
    try {
      return Severity.parse(l.severityText());
    } catch (IllegalArgumentException e) {
      return Severity.INFO;
    }
  }
}
