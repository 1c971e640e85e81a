package io.telemetryflow.sdk.internal.disk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Batches of log records as JSON (every field the OTLP exporter sends). Bodies of the scalar types keep their
 * type; a structured body (array, map, bytes) is kept as its text, which is what the SDK's own records and
 * the JUL bridge produce anyway (string bodies).
 */
public final class LogBatchCodec implements BatchFiles.Codec<LogRecordData> {

    private static final String SIGNAL = "logs";

    @Override
    public byte[] encode(List<LogRecordData> records) throws IOException {
        ObjectNode root = TelemetryJson.envelope(SIGNAL);
        ArrayNode items = root.putArray("items");
        for (LogRecordData r : records) {
            ObjectNode o = items.addObject().put("time", r.getTimestampEpochNanos())
                .put("observed", r.getObservedTimestampEpochNanos()).put("severity", r.getSeverity().name())
                .put("severityText", r.getSeverityText()).put("totalAttributes", r.getTotalAttributeCount())
                .put("eventName", r.getEventName());
            Value<?> body = r.getBodyValue();
            if (body != null) {
                ObjectNode b = o.putObject("body").put("type", body.getType().name());
                switch (body.getType()) {
                    case BOOLEAN -> b.put("value", (Boolean) body.getValue());
                    case LONG -> b.put("value", (Long) body.getValue());
                    case DOUBLE -> b.put("value", (Double) body.getValue());
                    case EMPTY -> { }
                    default -> b.put("value", body.asString());
                }
            }
            if (r.getSpanContext().isValid()) {
                o.set("context", TelemetryJson.spanContext(r.getSpanContext()));
            }
            o.set("attributes", TelemetryJson.attributes(r.getAttributes()));
            TelemetryJson.origin(o, r.getInstrumentationScopeInfo(), r.getResource());
        }
        return TelemetryJson.MAPPER.writeValueAsBytes(root);
    }

    @Override
    public List<LogRecordData> decode(byte[] bytes) throws IOException {
        List<LogRecordData> records = new ArrayList<>();
        for (JsonNode o : TelemetryJson.items(bytes, SIGNAL)) {
            JsonNode b = o.get("body");
            Value<?> body = null;
            if (b != null) {
                JsonNode v = b.path("value");
                body = switch (b.path("type").asText()) {
                    case "BOOLEAN" -> Value.of(v.asBoolean());
                    case "LONG" -> Value.of(v.asLong());
                    case "DOUBLE" -> Value.of(v.asDouble());
                    case "EMPTY" -> Value.empty();
                    default -> Value.of(v.asText());
                };
            }
            records.add(new LogRecordValue(TelemetryJson.resource(o.path("resource")), TelemetryJson.scope(o.path("scope")),
                o.path("time").asLong(), o.path("observed").asLong(), TelemetryJson.spanContext(o.get("context")),
                Severity.valueOf(o.path("severity").asText("UNDEFINED_SEVERITY_NUMBER")),
                o.path("severityText").isTextual() ? o.path("severityText").asText() : null, body,
                TelemetryJson.attributes(o.path("attributes")), o.path("totalAttributes").asInt(),
                o.path("eventName").isTextual() ? o.path("eventName").asText() : null));
        }
        return records;
    }
}
