package io.telemetryflow.sdk.internal.disk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Batches of ended spans as JSON (every field the OTLP exporter sends). */
public final class SpanBatchCodec implements BatchFiles.Codec<SpanData> {

    private static final String SIGNAL = "traces";

    @Override
    public byte[] encode(List<SpanData> spans) throws IOException {
        ObjectNode root = TelemetryJson.envelope(SIGNAL);
        ArrayNode items = root.putArray("items");
        for (SpanData s : spans) {
            ObjectNode o = items.addObject().put("name", s.getName()).put("kind", s.getKind().name())
                .put("start", s.getStartEpochNanos()).put("end", s.getEndEpochNanos())
                .put("status", s.getStatus().getStatusCode().name()).put("description", s.getStatus().getDescription())
                .put("totalEvents", s.getTotalRecordedEvents()).put("totalLinks", s.getTotalRecordedLinks())
                .put("totalAttributes", s.getTotalAttributeCount());
            o.set("context", TelemetryJson.spanContext(s.getSpanContext()));
            if (s.getParentSpanContext().isValid()) {
                o.set("parent", TelemetryJson.spanContext(s.getParentSpanContext()));
            }
            o.set("attributes", TelemetryJson.attributes(s.getAttributes()));
            ArrayNode events = o.putArray("events");
            for (EventData e : s.getEvents()) {
                ObjectNode event = events.addObject().put("name", e.getName()).put("time", e.getEpochNanos())
                    .put("totalAttributes", e.getTotalAttributeCount());
                event.set("attributes", TelemetryJson.attributes(e.getAttributes()));
            }
            ArrayNode links = o.putArray("links");
            for (LinkData l : s.getLinks()) {
                ObjectNode link = links.addObject().put("totalAttributes", l.getTotalAttributeCount());
                link.set("context", TelemetryJson.spanContext(l.getSpanContext()));
                link.set("attributes", TelemetryJson.attributes(l.getAttributes()));
            }
            TelemetryJson.origin(o, s.getInstrumentationScopeInfo(), s.getResource());
        }
        return TelemetryJson.MAPPER.writeValueAsBytes(root);
    }

    @Override
    public List<SpanData> decode(byte[] bytes) throws IOException {
        List<SpanData> spans = new ArrayList<>();
        for (JsonNode o : TelemetryJson.items(bytes, SIGNAL)) {
            List<EventData> events = new ArrayList<>();
            for (JsonNode e : o.path("events")) {
                events.add(EventData.create(e.path("time").asLong(), e.path("name").asText(),
                    TelemetryJson.attributes(e.path("attributes")), e.path("totalAttributes").asInt()));
            }
            List<LinkData> links = new ArrayList<>();
            for (JsonNode l : o.path("links")) {
                links.add(LinkData.create(TelemetryJson.spanContext(l.path("context")),
                    TelemetryJson.attributes(l.path("attributes")), l.path("totalAttributes").asInt()));
            }
            spans.add(new StoredSpan(o.path("name").asText(), SpanKind.valueOf(o.path("kind").asText("INTERNAL")),
                TelemetryJson.spanContext(o.path("context")), TelemetryJson.spanContext(o.get("parent")),
                StatusData.create(StatusCode.valueOf(o.path("status").asText("UNSET")), o.path("description").asText("")),
                o.path("start").asLong(), o.path("end").asLong(), TelemetryJson.attributes(o.path("attributes")),
                List.copyOf(events), List.copyOf(links), o.path("totalEvents").asInt(), o.path("totalLinks").asInt(),
                o.path("totalAttributes").asInt(), TelemetryJson.scope(o.path("scope")),
                TelemetryJson.resource(o.path("resource"))));
        }
        return spans;
    }
}
