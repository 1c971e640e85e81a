package io.telemetryflow.devbackend;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts OTLP attribute protos to plain Java values that read well in assertions. */
public final class AnyValues {

  private static final HexFormat HEX = HexFormat.of();

  private AnyValues() {}

  /**
   * Converts key-values to an unmodifiable, insertion-ordered map; values as in {@link
   * #toJava(AnyValue)}.
   */
  public static Map<String, Object> toMap(List<KeyValue> keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue keyValue : keyValues) {
      map.put(keyValue.getKey(), toJava(keyValue.getValue()));
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * Converts one value: string → String, int → Long, double → Double, bool → Boolean, array →
   * List, kvlist → Map, bytes → {@link ByteString}, a string-table index (profiles only) → Long,
   * unset → {@code null}.
   */
  public static Object toJava(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case ARRAY_VALUE:
        List<Object> list = new ArrayList<>();
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          list.add(toJava(element));
        }
        return Collections.unmodifiableList(list);
      case KVLIST_VALUE:
        return toMap(value.getKvlistValue().getValuesList());
      case BYTES_VALUE:
        return value.getBytesValue();
      case STRING_VALUE_STRINDEX:
        return (long) value.getStringValueStrindex();
      default:
        return null;
    }
  }

  /**
   * Normalizes an expected attribute map so it compares equal to a converted one: Integer, Short
   * and Byte become Long, Float becomes Double, nested lists and maps likewise. Lets tests write
   * {@code Map.of("http.status_code", 200)}.
   */
  public static Map<String, Object> normalize(Map<String, ?> expected) {
    Map<String, Object> map = new LinkedHashMap<>();
    expected.forEach((key, value) -> map.put(key, normalizeValue(value)));
    return map;
  }

  private static Object normalizeValue(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float) {
      return ((Float) value).doubleValue();
    }
    if (value instanceof List<?> list) {
      List<Object> normalized = new ArrayList<>();
      list.forEach(element -> normalized.add(normalizeValue(element)));
      return normalized;
    }
    if (value instanceof Map<?, ?> nested) {
      Map<String, Object> normalized = new LinkedHashMap<>();
      nested.forEach((key, element) -> normalized.put(String.valueOf(key), normalizeValue(element)));
      return normalized;
    }
    return value;
  }

  /** Lower-case hex of an id (trace or span), or {@code ""} when the id is empty. */
  public static String hex(ByteString id) {
    return id.isEmpty() ? "" : HEX.formatHex(id.toByteArray());
  }
}
