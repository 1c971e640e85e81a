package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Converts the plain attribute maps of commands into OpenTelemetry {@link Attributes}.
 *
 * <p>Typed values keep their type: {@code String}, {@code Boolean}, integral numbers (as
 * {@code long}), floating-point numbers (as {@code double}) and arrays/collections of those.
 * {@code null} values and blank keys are skipped; any other object is recorded by its
 * {@code toString()} (left out if that throws); primitive arrays of any integral or
 * floating-point type keep their type too, and {@code null} elements of arrays and collections
 * are left out. At most {@link #MAX_ATTRIBUTES} entries are kept, so a runaway map cannot blow
 * up a data point or a span.
 */
public final class AttributeMapper {

    /** Upper bound of attributes per metric data point (the OpenTelemetry span default). */
    public static final int MAX_ATTRIBUTES = 128;

    /**
     * Upper bound of attributes handed on for a span, span event or log record: only a guard against a
     * runaway map. The SDK applies the configured limit ({@code telemetryflow.limits.attributes}) to those
     * and counts what it drops in OTLP's {@code dropped_attributes_count}.
     */
    public static final int RECORD_GUARD = 10_000;

    private AttributeMapper() {
    }

    /** Converts {@code map} ({@code null} or empty → {@link Attributes#empty()}). */
    public static Attributes toAttributes(Map<String, ?> map) {
        return convert(map, false, MAX_ATTRIBUTES);
    }

    /** Converts {@code map} for a span, span event or log record (at most {@link #RECORD_GUARD} entries). */
    public static Attributes toRecordAttributes(Map<String, ?> map) {
        return convert(map, false, RECORD_GUARD);
    }

    /** {@link #toRecordAttributes}, failing on a {@code null} key as {@link #toAttributesRejectingNullKeys} does. */
    public static Attributes toRecordAttributesRejectingNullKeys(Map<String, ?> map) {
        return convert(map, true, RECORD_GUARD);
    }

    /**
     * Converts {@code map} exactly as {@link #toAttributes} does, but fails on a {@code null} key
     * anywhere in it, with the message of the command records' defensive copy. So a caller can
     * convert the caller's map directly instead of copying it into a command first, with the same
     * outcome: the same exception for the same map, or the same attributes.
     *
     * @throws IllegalArgumentException if a key is {@code null}
     */
    public static Attributes toAttributesRejectingNullKeys(Map<String, ?> map) {
        return convert(map, true, MAX_ATTRIBUTES);
    }

    private static Attributes convert(Map<String, ?> map, boolean rejectNullKeys, int max) {
        if (map == null || map.isEmpty()) {
            return Attributes.empty();
        }
        AttributesBuilder b = Attributes.builder();
        int count = 0;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            String key = e.getKey();
            if (key == null && rejectNullKeys) {
                throw new IllegalArgumentException("attribute keys must not be null");
            }
            if (count >= max) {
                if (rejectNullKeys) {
                    continue; // past the limit, only the keys are still checked
                }
                break;
            }
            Object value = e.getValue();
            if (key == null || key.isBlank() || value == null) {
                continue;
            }
            try {
                put(b, key, value);
                count++;
            } catch (RuntimeException broken) {
                // a value whose toString() (or a collection whose iteration) throws is left out:
                // a broken attribute must not fail the business call that records it
            }
        }
        return b.build();
    }

    /** Adds one typed value to {@code b}. */
    public static void put(AttributesBuilder b, String key, Object value) {
        if (value instanceof String) {
            b.put(key, (String) value);
        } else if (value instanceof Boolean) {
            b.put(key, (Boolean) value);
        } else if (value instanceof Double || value instanceof Float) {
            b.put(key, ((Number) value).doubleValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
            || value instanceof Byte) {
            b.put(key, ((Number) value).longValue());
        } else if (value instanceof Collection<?>) {
            putList(b, key, withoutNulls((Collection<?>) value));
        } else if (value instanceof Object[]) {
            putList(b, key, withoutNulls(Arrays.asList((Object[]) value)));
        } else if (value instanceof long[]) {
            b.put(key, (long[]) value);
        } else if (value instanceof int[]) {
            b.put(key, Arrays.stream((int[]) value).asLongStream().toArray());
        } else if (value instanceof short[]) {
            short[] a = (short[]) value;
            long[] longs = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                longs[i] = a[i];
            }
            b.put(key, longs);
        } else if (value instanceof byte[]) {
            byte[] a = (byte[]) value;
            long[] longs = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                longs[i] = a[i];
            }
            b.put(key, longs);
        } else if (value instanceof double[]) {
            b.put(key, (double[]) value);
        } else if (value instanceof float[]) {
            float[] a = (float[]) value;
            double[] doubles = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                doubles[i] = a[i];
            }
            b.put(key, doubles);
        } else if (value instanceof boolean[]) {
            b.put(key, (boolean[]) value);
        } else {
            b.put(key, String.valueOf(value));
        }
    }

    /** The elements without {@code null}s (a null element has no OTLP array value). */
    private static List<?> withoutNulls(Collection<?> values) {
        List<Object> list = new ArrayList<>(values.size());
        for (Object v : values) {
            if (v != null) {
                list.add(v);
            }
        }
        return list;
    }

    private static void putList(AttributesBuilder b, String key, List<?> values) {
        boolean allLong = !values.isEmpty();
        boolean allDouble = !values.isEmpty();
        boolean allBoolean = !values.isEmpty();
        for (Object v : values) {
            allLong &= v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
            allDouble &= v instanceof Double || v instanceof Float;
            allBoolean &= v instanceof Boolean;
        }
        if (allLong) {
            List<Long> longs = new ArrayList<>(values.size());
            values.forEach(v -> longs.add(((Number) v).longValue()));
            b.put(AttributeKey.longArrayKey(key), longs);
        } else if (allDouble) {
            List<Double> doubles = new ArrayList<>(values.size());
            values.forEach(v -> doubles.add(((Number) v).doubleValue()));
            b.put(AttributeKey.doubleArrayKey(key), doubles);
        } else if (allBoolean) {
            List<Boolean> booleans = new ArrayList<>(values.size());
            values.forEach(v -> booleans.add((Boolean) v));
            b.put(AttributeKey.booleanArrayKey(key), booleans);
        } else {
            List<String> strings = new ArrayList<>(values.size());
            values.forEach(v -> strings.add(String.valueOf(v)));
            b.put(AttributeKey.stringArrayKey(key), strings);
        }
    }
}
