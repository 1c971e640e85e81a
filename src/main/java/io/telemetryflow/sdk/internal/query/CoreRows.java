package io.telemetryflow.sdk.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetryflow.sdk.application.LogEntry;
import io.telemetryflow.sdk.application.SpanDetail;
import io.telemetryflow.sdk.application.SpanEventDetail;
import io.telemetryflow.sdk.application.SpanStatusDetail;
import io.telemetryflow.sdk.application.TraceDetail;
import io.telemetryflow.sdk.application.TraceSummary;
import io.telemetryflow.sdk.domain.Severity;
import io.telemetryflow.sdk.domain.SpanKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Maps Core's snake_case rows ({@link CoreWire}) onto the SDK's result records. A row that lacks a
 * field the record needs throws {@link IllegalArgumentException} naming it; the handlers turn that
 * into a MALFORMED_RESPONSE. Attribute values come back as strings (ClickHouse {@code Map(String,
 * String)}), whatever type was sent.
 */
final class CoreRows {

    private static final String NO_ID = "0".repeat(32);
    private static final String NO_SPAN_ID = "0".repeat(16);

    private CoreRows() {
    }

    static LogEntry log(CoreWire.LogRow row) {
        Severity severity;
        if (row.severityText() != null && !row.severityText().isBlank()) {
            severity = parseSeverity(row.severityText(), row.severityNumber());
        } else if (row.severityNumber() != null && row.severityNumber() > 0) {
            severity = Severity.fromSeverityNumber(row.severityNumber());
        } else {
            severity = Severity.INFO; // OTLP UNSPECIFIED: shown as INFO, as Core's UI does
        }
        return new LogEntry(CoreTime.parse(row.timestamp()), severity, row.body(), attributes(row.logAttributes()),
            id(row.traceId(), NO_ID), id(row.spanId(), NO_SPAN_ID));
    }

    static TraceSummary summary(CoreWire.TraceSummaryRow row) {
        require(row.traceId(), "traceId");
        Instant start = CoreTime.parse(row.startTime());
        Duration duration = row.durationMs() != null ? fromMillis(row.durationMs())
            : row.endTime() != null ? Duration.between(start, CoreTime.parse(row.endTime())) : Duration.ZERO;
        return new TraceSummary(row.traceId(), row.rootSpanName(), row.rootServiceName(), duration, start,
            row.spanCount() == null ? 0 : row.spanCount(), row.errorCount() == null ? 0 : row.errorCount());
    }

    /** A trace from its span rows (any order); {@code null} when there are none. */
    static TraceDetail trace(String traceId, List<CoreWire.SpanRow> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        List<SpanDetail> spans = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            CoreWire.SpanRow row = rows.get(i);
            spans.add(inRow(i, () -> span(row)));
        }
        spans.sort(Comparator.comparing(SpanDetail::startTime));
        Instant start = spans.get(0).startTime();
        Instant end = spans.stream().map(SpanDetail::endTime).max(Comparator.naturalOrder()).orElse(start);
        return new TraceDetail(traceId, start, end, Duration.between(start, end), spans);
    }

    /** The summary of a whole trace from all its span rows; {@code null} when there are none. */
    static TraceSummary summary(String traceId, List<CoreWire.SpanRow> rows) {
        TraceDetail t = trace(traceId, rows);
        if (t == null) {
            return null;
        }
        SpanDetail root = t.rootSpan().orElse(t.spans().get(0));
        String service = rows.stream().filter(r -> root.spanId().equals(r.spanId())).map(CoreWire.SpanRow::serviceName)
            .findFirst().orElse("");
        return new TraceSummary(traceId, root.name(), service, t.duration(), t.startTime(), t.spans().size(),
            (int) t.errorCount());
    }

    static SpanDetail span(CoreWire.SpanRow row) {
        require(row.spanId(), "span_id");
        require(row.spanName(), "span_name");
        Instant start = CoreTime.parse(row.timestamp());
        Duration duration = row.durationNs() != null ? Duration.ofNanos(row.durationNs())
            : row.durationMs() != null ? fromMillis(row.durationMs()) : Duration.ZERO;
        SpanStatusDetail status = new SpanStatusDetail(statusCode(row.statusCode()), row.statusMessage());
        return new SpanDetail(row.spanId(), id(row.parentSpanId(), NO_SPAN_ID), row.spanName(), kind(row.spanKind()),
            start, start.plus(duration), duration, attributes(row.spanAttributes()), events(row.events()), status);
    }

    /** Runs one row's mapping; a missing field becomes "row N: missing …". */
    static <T> T inRow(int index, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("row " + index + ": " + e.getMessage(), e);
        }
    }

    // Core stores events as a JSON text column; a broken one costs the events, not the trace.
    private static List<SpanEventDetail> events(JsonNode events) {
        JsonNode array = events;
        if (events != null && events.isTextual()) {
            try {
                array = HttpQueryTransport.JSON.readTree(events.textValue());
            } catch (IOException e) {
                return List.of();
            }
        }
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<SpanEventDetail> out = new ArrayList<>();
        for (JsonNode e : array) {
            try {
                CoreWire.EventRow row = HttpQueryTransport.JSON.treeToValue(e, CoreWire.EventRow.class);
                if (row != null && row.name() != null && row.timestamp() != null) {
                    out.add(new SpanEventDetail(row.name(), CoreTime.parse(row.timestamp()), attributes(row.attributes())));
                }
            } catch (IOException | IllegalArgumentException skipped) {
                // an event we cannot read is left out
            }
        }
        return out;
    }

    private static Severity parseSeverity(String text, Integer number) {
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            return number != null && number > 0 ? Severity.fromSeverityNumber(number) : Severity.INFO;
        }
    }

    // Accepts SERVER, Server, SPAN_KIND_SERVER; anything else is INTERNAL (the OTLP default).
    private static SpanKind kind(String text) {
        if (text == null) {
            return SpanKind.INTERNAL;
        }
        String k = text.trim().toUpperCase(Locale.ROOT).replace("SPAN_KIND_", "");
        for (SpanKind kind : SpanKind.values()) {
            if (kind.name().equals(k)) {
                return kind;
            }
        }
        return SpanKind.INTERNAL;
    }

    private static SpanStatusDetail.Code statusCode(String text) {
        if (text == null) {
            return SpanStatusDetail.Code.UNSET;
        }
        String c = text.trim().toUpperCase(Locale.ROOT).replace("STATUS_CODE_", "");
        return c.equals("ERROR") ? SpanStatusDetail.Code.ERROR
            : c.equals("OK") ? SpanStatusDetail.Code.OK : SpanStatusDetail.Code.UNSET;
    }

    static Map<String, Object> attributes(Map<String, String> map) {
        return map == null ? Map.of() : new LinkedHashMap<>(map);
    }

    private static Optional<String> id(String id, String none) {
        return id == null || id.isBlank() || id.equals(none) ? Optional.empty() : Optional.of(id);
    }

    private static Duration fromMillis(double ms) {
        return Duration.ofNanos(Math.round(ms * 1_000_000d));
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
    }
}
