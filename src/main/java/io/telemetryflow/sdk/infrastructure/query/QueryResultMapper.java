package io.telemetryflow.sdk.infrastructure.query;

import static io.telemetryflow.sdk.infrastructure.query.JsonFields.array;
import static io.telemetryflow.sdk.infrastructure.query.JsonFields.attributes;
import static io.telemetryflow.sdk.infrastructure.query.JsonFields.bool;
import static io.telemetryflow.sdk.infrastructure.query.JsonFields.count;
import static io.telemetryflow.sdk.infrastructure.query.JsonFields.instant;
import static io.telemetryflow.sdk.infrastructure.query.JsonFields.millis;
import static io.telemetryflow.sdk.infrastructure.query.JsonFields.number;
import static io.telemetryflow.sdk.infrastructure.query.JsonFields.numberOrNaN;
import static io.telemetryflow.sdk.infrastructure.query.JsonFields.optionalText;
import static io.telemetryflow.sdk.infrastructure.query.JsonFields.stringMap;
import static io.telemetryflow.sdk.infrastructure.query.JsonFields.text;
import static io.telemetryflow.sdk.infrastructure.query.JsonFields.wholeNumber;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetryflow.sdk.application.AggregationGroup;
import io.telemetryflow.sdk.application.AggregationResult;
import io.telemetryflow.sdk.application.LogEntry;
import io.telemetryflow.sdk.application.LogsPage;
import io.telemetryflow.sdk.application.MetricDataPoint;
import io.telemetryflow.sdk.application.MetricSeries;
import io.telemetryflow.sdk.application.SpanDetail;
import io.telemetryflow.sdk.application.SpanEventDetail;
import io.telemetryflow.sdk.application.SpanStatusDetail;
import io.telemetryflow.sdk.application.TraceDetail;
import io.telemetryflow.sdk.application.TraceSummary;
import io.telemetryflow.sdk.application.TracesPage;
import io.telemetryflow.sdk.domain.Severity;
import io.telemetryflow.sdk.domain.SpanKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/** Maps the JSON answers of DESIGN §8 onto the result records; unknown fields are ignored. */
final class QueryResultMapper {

    private QueryResultMapper() {
    }

    static MetricSeries metricSeries(JsonNode root) {
        return new MetricSeries(text(root, "name", ""), list(root, "dataPoints", (p, where) ->
            new MetricDataPoint(instant(p, "timestamp", where), number(p, "value", where),
                attributes(p, "attributes", where))));
    }

    static AggregationResult aggregation(JsonNode root) {
        return new AggregationResult(text(root, "name", ""), numberOrNaN(root, "value", ""),
            list(root, "groups", (g, where) ->
                new AggregationGroup(stringMap(g, "groupBy", where), numberOrNaN(g, "value", where))));
    }

    static LogsPage logsPage(JsonNode root) {
        List<LogEntry> logs = list(root, "logs", (l, where) -> new LogEntry(
            instant(l, "timestamp", where), severity(l, where), optionalText(l, "message", where).orElse(""),
            attributes(l, "attributes", where), optionalText(l, "traceId", where), optionalText(l, "spanId", where)));
        return new LogsPage(logs, wholeNumber(root, "totalCount", ""), bool(root, "hasMore", ""));
    }

    static TraceDetail traceDetail(JsonNode root) {
        List<SpanDetail> spans = list(root, "spans", (s, where) -> new SpanDetail(
            text(s, "spanId", where), optionalText(s, "parentId", where), text(s, "name", where), kind(s, where),
            instant(s, "startTime", where), instant(s, "endTime", where), millis(s, "durationMs", where),
            attributes(s, "attributes", where),
            list(s, "events", (e, w) -> new SpanEventDetail(text(e, "name", w), instant(e, "timestamp", w),
                attributes(e, "attributes", w)), where),
            status(s, where)));
        return new TraceDetail(text(root, "traceId", ""), instant(root, "startTime", ""),
            instant(root, "endTime", ""), millis(root, "durationMs", ""), spans);
    }

    static TracesPage tracesPage(JsonNode root) {
        List<TraceSummary> traces = list(root, "traces", (t, where) -> new TraceSummary(
            text(t, "traceId", where), optionalText(t, "rootSpan", where).orElse(""),
            optionalText(t, "serviceName", where).orElse(""), millis(t, "durationMs", where),
            instant(t, "startTime", where), count(t, "spanCount", where), count(t, "errorCount", where)));
        return new TracesPage(traces, wholeNumber(root, "totalCount", ""), bool(root, "hasMore", ""));
    }

    private static Severity severity(JsonNode log, String where) {
        String raw = text(log, "severity", where);
        try {
            return Severity.parse(raw);
        } catch (IllegalArgumentException e) {
            throw JsonFields.malformed(where, "severity", "one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL");
        }
    }

    // Accepts the OTLP enum spelling too (SPAN_KIND_SERVER), as some backends echo it.
    private static SpanKind kind(JsonNode span, String where) {
        String raw = optionalText(span, "kind", where).orElse("INTERNAL").toUpperCase(Locale.ROOT);
        String name = raw.startsWith("SPAN_KIND_") ? raw.substring("SPAN_KIND_".length()) : raw;
        if (name.equals("UNSPECIFIED")) {
            return SpanKind.INTERNAL;
        }
        try {
            return SpanKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw JsonFields.malformed(where, "kind", "one of INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER");
        }
    }

    private static SpanStatusDetail status(JsonNode span, String where) {
        JsonNode status = span.get("status");
        if (status == null || status.isNull()) {
            return SpanStatusDetail.UNSET;
        }
        String w = where + ".status";
        if (!status.isObject()) {
            throw JsonFields.malformed(where, "status", "an object");
        }
        String raw = optionalText(status, "code", w).orElse("UNSET").toUpperCase(Locale.ROOT);
        String name = raw.startsWith("STATUS_CODE_") ? raw.substring("STATUS_CODE_".length()) : raw;
        try {
            return new SpanStatusDetail(SpanStatusDetail.Code.valueOf(name), optionalText(status, "message", w)
                .orElse(""));
        } catch (IllegalArgumentException e) {
            throw JsonFields.malformed(w, "code", "one of UNSET, OK, ERROR");
        }
    }

    private static <T> List<T> list(JsonNode parent, String field, BiFunction<JsonNode, String, T> element) {
        return list(parent, field, element, "");
    }

    private static <T> List<T> list(JsonNode parent, String field, BiFunction<JsonNode, String, T> element,
                                    String where) {
        String base = where.isEmpty() ? field : where + "." + field;
        List<JsonNode> nodes = array(parent, field, where);
        List<T> items = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            String w = base + "[" + i + "]";
            JsonNode n = nodes.get(i);
            if (!n.isObject()) {
                throw new MalformedResponseException("element '" + w + "' is not an object");
            }
            items.add(element.apply(n, w));
        }
        return items;
    }
}
