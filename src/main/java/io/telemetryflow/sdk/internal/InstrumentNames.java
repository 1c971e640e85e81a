package io.telemetryflow.sdk.internal;

import java.util.regex.Pattern;

/** The OpenTelemetry instrument name syntax, checked at the API boundary so a bad name fails loudly. */
public final class InstrumentNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9_./-]{0,254}");

    private InstrumentNames() {
    }

    /**
     * Returns {@code name} if it is a valid instrument name.
     *
     * @throws IllegalArgumentException explaining the rule
     */
    public static String require(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            String shown = name == null ? "null"
                : "'" + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "'";
            throw new IllegalArgumentException("invalid metric name " + shown
                + ": must start with a letter, contain only letters, digits, '_', '.', '-', '/' and be at most 255 characters");
        }
        return name;
    }
}
