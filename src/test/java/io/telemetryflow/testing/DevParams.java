package io.telemetryflow.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query parameters of one {@link DevQueryBackend} request, with the validation a real API
 * does: a bad value is a {@link BadRequest} (HTTP 400) naming the parameter.
 */
final class DevParams {

  /** Largest page the backend serves, as the SDK's own bound. */
  static final int MAX_LIMIT = 10_000;
  static final int DEFAULT_LIMIT = 100;

  /** A request the backend refuses with 400. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  /** The time window of a request: [start, end) in epoch nanoseconds. */
  record Window(long startNanos, long endNanos) {
    boolean contains(long nanos) {
      return nanos >= startNanos && nanos < endNanos;
    }
  }

  private final Map<String, List<String>> values;

  private DevParams(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Decodes a raw query string ({@code +} and {@code %20} both mean a space). */
  static DevParams parse(String rawQuery) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    return new DevParams(values);
  }

  /** The first value of {@code name}, or {@code null} when absent or empty. */
  String get(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
  }

  String required(String name) {
    String v = get(name);
    if (v == null) {
      throw new BadRequest("parameter '" + name + "' is required");
    }
    return v;
  }

  /** {@code start}/{@code end} as RFC 3339; absent means unbounded on that side; start must precede end. */
  Window window() {
    long start = nanos("start", Long.MIN_VALUE);
    long end = nanos("end", Long.MAX_VALUE);
    if (start >= end) {
      throw new BadRequest("'start' must be before 'end'");
    }
    return new Window(start, end);
  }

  private long nanos(String name, long absent) {
    String v = get(name);
    if (v == null) {
      return absent;
    }
    try {
      Instant i = OffsetDateTime.parse(v.toUpperCase(Locale.ROOT)).toInstant();
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new BadRequest("parameter '" + name + "' must be an RFC 3339 timestamp, got '" + v + "'");
    }
  }

  int integer(String name, int absent, int min, int max) {
    String v = get(name);
    if (v == null) {
      return absent;
    }
    try {
      int i = Integer.parseInt(v);
      if (i >= min && i <= max) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequest("parameter '" + name + "' must be an integer from " + min + " to " + max + ", got '" + v + "'");
  }

  /** A non-negative decimal number (milliseconds), or {@code null} when absent. */
  Double decimal(String name) {
    String v = get(name);
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v);
      if (d >= 0 && Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequest("parameter '" + name + "' must be a non-negative number, got '" + v + "'");
  }

  /** {@code true}/{@code false}, or {@code null} when absent. */
  Boolean bool(String name) {
    String v = get(name);
    if (v == null) {
      return null;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new BadRequest("parameter '" + name + "' must be true or false, got '" + v + "'");
  }

  /** Comma-separated values, trimmed, blanks dropped; empty when absent. */
  List<String> csv(String name) {
    String v = get(name);
    List<String> items = new ArrayList<>();
    if (v != null) {
      for (String s : v.split(",")) {
        if (!s.isBlank()) {
          items.add(s.trim());
        }
      }
    }
    return items;
  }

  /** Every parameter named {@code prefix + key}, as key → value ({@code filter.region=eu}). */
  Map<String, String> prefixed(String prefix) {
    Map<String, String> map = new LinkedHashMap<>();
    values.forEach((name, v) -> {
      if (name.startsWith(prefix) && name.length() > prefix.length() && !v.isEmpty()) {
        map.put(name.substring(prefix.length()), v.get(0));
      }
    });
    return map;
  }

  /** {@code limit} (1..10 000, default 100) and {@code offset} (≥ 0, default 0) applied to {@code items}. */
  <T> Page<T> page(List<T> items) {
    int limit = integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = integer("offset", 0, 0, Integer.MAX_VALUE);
    int from = Math.min(offset, items.size());
    int to = (int) Math.min((long) from + limit, items.size());
    return new Page<>(items.subList(from, to), items.size(), to < items.size());
  }

  /** One page of items, with the total and whether more follow. */
  record Page<T>(List<T> items, int totalCount, boolean hasMore) {}

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("malformed percent-encoding in the query string");
    }
  }
}
