package io.telemetryflow.sdk.internal.disk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfoBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of what spans and log records share — attributes (with their types), span contexts,
 * resources and instrumentation scopes — for the disk buffer's batch files.
 */
final class TelemetryJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private TelemetryJson() {
    }

    static ArrayNode attributes(Attributes attributes) {
        ArrayNode out = MAPPER.createArrayNode();
        attributes.forEach((key, value) -> {
            ObjectNode a = out.addObject().put("k", key.getKey()).put("t", key.getType().name());
            switch (key.getType()) {
                case BOOLEAN -> a.put("v", (Boolean) value);
                case LONG -> a.put("v", (Long) value);
                case DOUBLE -> a.put("v", (Double) value);
                case STRING_ARRAY, BOOLEAN_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> {
                    ArrayNode values = a.putArray("v");
                    for (Object v : (List<?>) value) {
                        values.add(MAPPER.valueToTree(v));
                    }
                }
                default -> a.put("v", String.valueOf(value)); // STRING, and any newer type as its text
            }
        });
        return out;
    }

    static Attributes attributes(JsonNode node) {
        if (node == null || !node.isArray()) {
            return Attributes.empty();
        }
        AttributesBuilder b = Attributes.builder();
        for (JsonNode a : node) {
            String key = a.path("k").asText();
            JsonNode v = a.path("v");
            switch (a.path("t").asText()) {
                case "BOOLEAN" -> b.put(AttributeKey.booleanKey(key), v.asBoolean());
                case "LONG" -> b.put(AttributeKey.longKey(key), v.asLong());
                case "DOUBLE" -> b.put(AttributeKey.doubleKey(key), v.asDouble());
                case "STRING_ARRAY" -> b.put(AttributeKey.stringArrayKey(key), list(v, JsonNode::asText));
                case "BOOLEAN_ARRAY" -> b.put(AttributeKey.booleanArrayKey(key), list(v, JsonNode::asBoolean));
                case "LONG_ARRAY" -> b.put(AttributeKey.longArrayKey(key), list(v, JsonNode::asLong));
                case "DOUBLE_ARRAY" -> b.put(AttributeKey.doubleArrayKey(key), list(v, JsonNode::asDouble));
                default -> b.put(AttributeKey.stringKey(key), v.asText());
            }
        }
        return b.build();
    }

    private static <V> List<V> list(JsonNode array, java.util.function.Function<JsonNode, V> read) {
        List<V> out = new ArrayList<>();
        for (JsonNode v : array) {
            out.add(read.apply(v));
        }
        return out;
    }

    static ObjectNode spanContext(SpanContext context) {
        ObjectNode out = MAPPER.createObjectNode().put("trace", context.getTraceId()).put("span", context.getSpanId())
            .put("flags", context.getTraceFlags().asHex()).put("remote", context.isRemote());
        if (!context.getTraceState().isEmpty()) {
            // in header order (leftmost: the most recent vendor), which W3C trace context keeps significant
            ArrayNode state = out.putArray("state");
            context.getTraceState().forEach((k, v) -> state.addArray().add(k).add(v));
        }
        return out;
    }

    static SpanContext spanContext(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return SpanContext.getInvalid();
        }
        TraceStateBuilder state = TraceState.builder();
        JsonNode entries = node.path("state");
        for (int i = entries.size() - 1; i >= 0; i--) { // the builder puts each entry in front: last first
            state.put(entries.get(i).path(0).asText(), entries.get(i).path(1).asText());
        }
        TraceFlags flags = TraceFlags.fromHex(node.path("flags").asText("00"), 0);
        String trace = node.path("trace").asText();
        String span = node.path("span").asText();
        return node.path("remote").asBoolean()
            ? SpanContext.createFromRemoteParent(trace, span, flags, state.build())
            : SpanContext.create(trace, span, flags, state.build());
    }

    static ObjectNode resource(Resource resource) {
        ObjectNode out = MAPPER.createObjectNode();
        out.set("attributes", attributes(resource.getAttributes()));
        if (resource.getSchemaUrl() != null) {
            out.put("schema", resource.getSchemaUrl());
        }
        return out;
    }

    static Resource resource(JsonNode node) {
        String schema = node.path("schema").isTextual() ? node.path("schema").asText() : null;
        return Resource.create(attributes(node.path("attributes")), schema);
    }

    static ObjectNode scope(InstrumentationScopeInfo scope) {
        ObjectNode out = MAPPER.createObjectNode().put("name", scope.getName());
        if (scope.getVersion() != null) {
            out.put("version", scope.getVersion());
        }
        if (scope.getSchemaUrl() != null) {
            out.put("schema", scope.getSchemaUrl());
        }
        out.set("attributes", attributes(scope.getAttributes()));
        return out;
    }

    static InstrumentationScopeInfo scope(JsonNode node) {
        InstrumentationScopeInfoBuilder b = InstrumentationScopeInfo.builder(node.path("name").asText());
        if (node.path("version").isTextual()) {
            b.setVersion(node.path("version").asText());
        }
        if (node.path("schema").isTextual()) {
            b.setSchemaUrl(node.path("schema").asText());
        }
        return b.setAttributes(attributes(node.path("attributes"))).build();
    }

    /** Where an item comes from: its instrumentation scope and resource (repeated per item: files stay self-contained). */
    static void origin(ObjectNode item, InstrumentationScopeInfo scope, Resource resource) {
        item.set("scope", scope(scope));
        item.set("resource", resource(resource));
    }

    /** The batch envelope: a format version, so that a later SDK can tell (and skip) files it cannot read. */
    static ObjectNode envelope(String signal) {
        return MAPPER.createObjectNode().put("format", 1).put("signal", signal);
    }

    static JsonNode items(byte[] bytes, String signal) throws java.io.IOException {
        JsonNode root = MAPPER.readTree(bytes);
        if (root == null || root.path("format").asInt() != 1 || !signal.equals(root.path("signal").asText())) {
            throw new java.io.IOException("not a format-1 batch of " + signal);
        }
        return root.path("items");
    }
}
