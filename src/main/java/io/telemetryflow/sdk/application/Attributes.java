package io.telemetryflow.sdk.application;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Defensive copying of attribute maps for command records. */
final class Attributes {

    private Attributes() {
    }

    /** An unmodifiable copy of {@code attributes} ({@code null} → empty); null keys are rejected. */
    static Map<String, Object> copy(Map<String, ?> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, attributes.size() * 2));
        for (Map.Entry<String, ?> e : attributes.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("attribute keys must not be null");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    /** The map as the command records' parameter type; the record's constructor copies it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> view(Map<String, ?> attributes) {
        return (Map<String, Object>) attributes;
    }

    static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank");
        }
        return name;
    }
}
