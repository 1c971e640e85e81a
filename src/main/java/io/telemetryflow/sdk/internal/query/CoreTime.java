package io.telemetryflow.sdk.internal.query;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as TelemetryFlow Core writes and reads them: requests carry ISO-8601 in UTC; rows carry
 * ClickHouse's {@code yyyy-MM-dd HH:mm:ss[.fffffffff]} (UTC), ISO-8601, or epoch numbers.
 */
final class CoreTime {

    private CoreTime() {
    }

    /** ISO-8601 in UTC with as many fraction digits as needed (Core's {@code from}/{@code to}). */
    static String format(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /** Milliseconds as a number, keeping sub-millisecond precision ({@code 1.5}). */
    static Double millis(Duration d) {
        return d == null ? null : new BigDecimal(d.toNanos()).movePointLeft(6).doubleValue();
    }

    /**
     * Parses a row's timestamp.
     *
     * @throws IllegalArgumentException when it is none of the forms above
     */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing timestamp");
        }
        String t = text.trim();
        if (t.chars().allMatch(Character::isDigit)) {
            return epoch(Long.parseLong(t));
        }
        try {
            String iso = t.indexOf('T') > 0 ? t : t.replaceFirst(" ", "T");
            char last = iso.charAt(iso.length() - 1);
            if (last == 'Z' || last == 'z' || iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(iso.replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant();
            }
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC); // ClickHouse: UTC without a zone
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp '" + (t.length() > 40 ? t.substring(0, 40) + "…" : t)
                + "' is not ISO-8601 or yyyy-MM-dd HH:mm:ss");
        }
    }

    // Seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude (dates after 1973).
    private static Instant epoch(long v) {
        if (v < 100_000_000_000L) {
            return Instant.ofEpochSecond(v);
        }
        if (v < 100_000_000_000_000L) {
            return Instant.ofEpochMilli(v);
        }
        if (v < 100_000_000_000_000_000L) {
            return Instant.ofEpochSecond(v / 1_000_000, (v % 1_000_000) * 1000);
        }
        return Instant.ofEpochSecond(v / 1_000_000_000, v % 1_000_000_000);
    }
}
