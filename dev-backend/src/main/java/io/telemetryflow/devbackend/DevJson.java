package io.telemetryflow.devbackend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON conventions of the query API (DESIGN §8), for {@link DevQueryBackend}. */
final class DevJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DevJson() {}

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** JSON text of a value (a string column holding JSON, a list attribute as ClickHouse keeps it). */
  static String text(Object value) {
    return new String(write(value), java.nio.charset.StandardCharsets.UTF_8);
  }

  static <T> T read(byte[] body, Class<T> type) throws java.io.IOException {
    return MAPPER.readValue(body, type);
  }

  /** Attribute values as JSON-friendly Java: bytes become base64 strings, nested values likewise. */
  static Map<String, Object> attributes(Map<String, Object> attributes) {
    Map<String, Object> map = new LinkedHashMap<>();
    attributes.forEach((k, v) -> map.put(k, value(v)));
    return map;
  }

  private static Object value(Object v) {
    if (v instanceof ByteString bytes) {
      return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(e -> out.add(value(e)));
      return out;
    }
    if (v instanceof Map<?, ?> nested) {
      Map<String, Object> out = new LinkedHashMap<>();
      nested.forEach((k, e) -> out.put(String.valueOf(k), value(e)));
      return out;
    }
    return v;
  }

  /** Builds a JSON object with insertion order kept and {@code null} values allowed. */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
