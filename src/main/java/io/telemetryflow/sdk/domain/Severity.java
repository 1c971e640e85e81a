package io.telemetryflow.sdk.domain;

import java.util.Locale;

/** Log severity, mapped onto the OTLP severity numbers (the first number of each range). */
public enum Severity {
    TRACE(1), DEBUG(5), INFO(9), WARN(13), ERROR(17), FATAL(21);

    private final int severityNumber;

    Severity(int severityNumber) {
        this.severityNumber = severityNumber;
    }

    /** The OTLP {@code SeverityNumber} value (1–24 scale). */
    public int severityNumber() {
        return severityNumber;
    }

    /**
     * Parses a severity name such as {@code info} or {@code WARNING} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Severity parse(String value) {
        if (value != null) {
            String v = value.trim().toUpperCase(Locale.ROOT);
            if (v.equals("WARNING")) {
                return WARN;
            }
            for (Severity s : values()) {
                if (s.name().equals(v)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("allowed: TRACE, DEBUG, INFO, WARN, ERROR, FATAL");
    }

    /** The severity whose OTLP range contains {@code number} (1–24); values outside map to the nearest end. */
    public static Severity fromSeverityNumber(int number) {
        Severity result = TRACE;
        for (Severity s : values()) {
            if (number >= s.severityNumber) {
                result = s;
            }
        }
        return result;
    }
}
