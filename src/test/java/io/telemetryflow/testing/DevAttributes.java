package io.telemetryflow.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Attribute lookup for filters, tags and group-by in {@link DevQueryBackend}: a key is looked up
 * in the item's own attributes first, then in its resource's (so {@code filter.service.name=svc}
 * works). Values compare as strings ({@code 200}, {@code true}, {@code 1.5}).
 */
final class DevAttributes {

  private DevAttributes() {}

  /** The value of {@code key} as a string, or {@code null} when neither map has it. */
  static String lookup(Map<String, Object> own, Map<String, Object> resource, String key) {
    Object v = own.containsKey(key) ? own.get(key) : resource.get(key);
    return v == null ? null : String.valueOf(v);
  }

  /** Whether every {@code filters} entry equals the item's value for that key. */
  static boolean matches(Map<String, Object> own, Map<String, Object> resource, Map<String, String> filters) {
    for (Map.Entry<String, String> f : filters.entrySet()) {
      if (!f.getValue().equals(lookup(own, resource, f.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The item's values of the group-by keys; a key the item lacks is left out. Sorted by key, so
   * equal groups are equal maps and print alike.
   */
  static Map<String, String> group(Map<String, Object> own, Map<String, Object> resource, Iterable<String> keys) {
    Map<String, String> group = new TreeMap<>();
    for (String key : keys) {
      String v = lookup(own, resource, key);
      if (v != null) {
        group.put(key, v);
      }
    }
    return new LinkedHashMap<>(group);
  }
}
