package io.telemetryflow.sdk.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation and defensive copying shared by the query records. */
final class QueryArguments {

    /** Largest page a query may ask for; bigger result sets are walked page by page. */
    static final int MAX_LIMIT = 10_000;
    /** Page size when the caller does not choose one. */
    static final int DEFAULT_LIMIT = 100;
    /** Range the builders use when the caller gives none: the last hour. */
    static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    private QueryArguments() {
    }

    static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank");
        }
        return name.trim();
    }

    static void requireRange(Instant start, Instant end) {
        if (start == null || end == null) {
            throw new IllegalArgumentException("query time range needs both start and end");
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("query start (" + start + ") must be before end (" + end + ")");
        }
    }

    static void requirePage(int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }

    /** Blank → {@code null}, otherwise trimmed: an empty filter means "no filter". */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * An unmodifiable copy of group-by keys. Keys travel comma-joined in one parameter
     * ({@code groupBy=a,b}), so a key must not contain a comma.
     */
    static List<String> copyKeys(Collection<String> keys, String what) {
        if (keys == null || keys.isEmpty()) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(keys.size());
        for (String key : keys) {
            if (key == null || key.isBlank() || key.contains(",")) {
                throw new IllegalArgumentException(what + " keys must be non-blank and contain no comma, got '"
                    + key + "'");
            }
            String k = key.trim();
            if (!copy.contains(k)) {
                copy.add(k);
            }
        }
        return List.copyOf(copy);
    }

    /** An unmodifiable, insertion-ordered copy of key/value filters (non-blank keys, non-null values). */
    static Map<String, String> copyFilters(Map<String, String> filters, String what) {
        if (filters == null || filters.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : filters.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException(what + " keys must not be null or blank");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException(what + " '" + e.getKey() + "' needs a value");
            }
            copy.put(e.getKey().trim(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    /** An unmodifiable copy of a result's attribute map ({@code null} → empty; null values dropped). */
    static Map<String, Object> copyAttributes(Map<String, ?> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** An unmodifiable copy of a result list ({@code null} → empty). */
    static <T> List<T> copyList(List<T> items) {
        return items == null ? List.of() : List.copyOf(items);
    }
}
