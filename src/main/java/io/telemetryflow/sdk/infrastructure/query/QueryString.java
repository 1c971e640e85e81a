package io.telemetryflow.sdk.infrastructure.query;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;

/**
 * Builds the URL-encoded query string of a query API request. Absent values are left out.
 * Carries only the query's own criteria: credentials travel in headers, never here.
 */
final class QueryString {

    private final StringBuilder sb = new StringBuilder();

    QueryString add(String name, String value) {
        if (value != null) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(encode(name)).append('=').append(encode(value));
        }
        return this;
    }

    /** An RFC 3339 timestamp in UTC, with as many fraction digits as needed. */
    QueryString add(String name, Instant value) {
        return add(name, value == null ? null : DateTimeFormatter.ISO_INSTANT.format(value));
    }

    QueryString add(String name, int value) {
        return add(name, Integer.toString(value));
    }

    QueryString add(String name, Boolean value) {
        return add(name, value == null ? null : value.toString());
    }

    /** Milliseconds as a plain decimal, keeping sub-millisecond precision ({@code 1.5}). */
    QueryString addMillis(String name, Duration value) {
        return add(name, value == null ? null : millis(value));
    }

    /** Comma-joined values ({@code groupBy=a,b}); left out when empty. */
    QueryString addJoined(String name, Collection<?> values) {
        if (values == null || values.isEmpty()) {
            return this;
        }
        StringBuilder joined = new StringBuilder();
        for (Object v : values) {
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append(v);
        }
        return add(name, joined.toString());
    }

    /** One parameter per entry, named {@code prefix + key} ({@code filter.region=eu}). */
    QueryString addPrefixed(String prefix, Map<String, String> entries) {
        entries.forEach((k, v) -> add(prefix + k, v));
        return this;
    }

    /** The encoded query string, without the leading {@code ?}; empty when nothing was added. */
    String encoded() {
        return sb.toString();
    }

    static String millis(Duration d) {
        return new BigDecimal(d.toNanos()).movePointLeft(6).stripTrailingZeros().toPlainString();
    }

    // URLEncoder does form encoding; spaces as %20 instead of '+' are read alike by every server.
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
