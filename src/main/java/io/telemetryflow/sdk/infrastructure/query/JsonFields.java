package io.telemetryflow.sdk.infrastructure.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, strict access to the fields of a JSON answer. A required field that is missing or has
 * the wrong type throws {@link MalformedResponseException} naming its path ({@code logs[2].timestamp}).
 * Fields not read here are ignored, so servers may add fields freely.
 */
final class JsonFields {

    private JsonFields() {
    }

    static JsonNode object(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) {
            throw malformed(where, field, "an object");
        }
        return n;
    }

    /** The elements of an array field; a missing or null field is an empty array. */
    static List<JsonNode> array(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw malformed(where, field, "an array");
        }
        List<JsonNode> items = new ArrayList<>(n.size());
        n.forEach(items::add);
        return items;
    }

    static String text(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) {
            throw malformed(where, field, "a string");
        }
        return n.textValue();
    }

    /** A string field that may be missing, null or empty (all → empty). */
    static Optional<String> optionalText(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw malformed(where, field, "a string or null");
        }
        return n.textValue().isEmpty() ? Optional.empty() : Optional.of(n.textValue());
    }

    static double number(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isNumber()) {
            throw malformed(where, field, "a number");
        }
        return n.doubleValue();
    }

    /** A number field where {@code null} means "no value" ({@code NaN}). */
    static double numberOrNaN(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n != null && n.isNull()) {
            return Double.NaN;
        }
        return number(parent, field, where);
    }

    static long wholeNumber(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw malformed(where, field, "a non-negative integer");
        }
        return n.longValue();
    }

    static int count(JsonNode parent, String field, String where) {
        long v = wholeNumber(parent, field, where);
        if (v > Integer.MAX_VALUE) {
            throw malformed(where, field, "an integer below 2^31");
        }
        return (int) v;
    }

    static boolean bool(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isBoolean()) {
            throw malformed(where, field, "true or false");
        }
        return n.booleanValue();
    }

    /** An RFC 3339 timestamp ({@code 2024-05-01T10:00:00.123Z}, any offset, {@code t}/{@code z} in any case). */
    static Instant instant(JsonNode parent, String field, String where) {
        String raw = text(parent, field, where);
        try {
            return OffsetDateTime.parse(raw.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed(where, field, "an RFC 3339 timestamp");
        }
    }

    /** Milliseconds, possibly fractional, as a {@link Duration} rounded to the nanosecond. */
    static Duration millis(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isNumber() || n.doubleValue() < 0 || !Double.isFinite(n.doubleValue())) {
            throw malformed(where, field, "a non-negative number of milliseconds");
        }
        BigDecimal nanos = n.decimalValue().movePointRight(6);
        try {
            return Duration.ofNanos(nanos.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            throw malformed(where, field, "a duration that fits in 292 years");
        }
    }

    /**
     * An attribute object as plain Java values: strings, {@code Long} for integers, {@code Double}
     * for other numbers, {@code Boolean}, {@code List} and {@code Map} for nested values. Missing
     * or null is empty; null values are dropped.
     */
    static Map<String, Object> attributes(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw malformed(where, field, "an object");
        }
        return toMap(n);
    }

    /** A flat object of strings; scalar values are taken as their text. */
    static Map<String, String> stringMap(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw malformed(where, field, "an object");
        }
        Map<String, String> map = new LinkedHashMap<>();
        n.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                map.put(e.getKey(), e.getValue().asText());
            } else if (!e.getValue().isNull()) {
                throw malformed(where + "." + field, e.getKey(), "a string, number or boolean");
            }
        });
        return map;
    }

    static MalformedResponseException malformed(String where, String field, String expected) {
        String path = where == null || where.isEmpty() ? field : where + "." + field;
        return new MalformedResponseException("field '" + path + "' is missing or not " + expected);
    }

    private static Map<String, Object> toMap(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.properties().forEach(e -> {
            Object v = toJava(e.getValue());
            if (v != null) {
                map.put(e.getKey(), v);
            }
        });
        return Collections.unmodifiableMap(map);
    }

    private static Object toJava(JsonNode n) {
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isArray()) {
            List<Object> list = new ArrayList<>(n.size());
            n.forEach(e -> list.add(toJava(e)));
            return Collections.unmodifiableList(list);
        }
        if (n.isObject()) {
            return toMap(n);
        }
        return null;
    }
}
