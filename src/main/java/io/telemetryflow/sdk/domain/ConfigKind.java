package io.telemetryflow.sdk.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Function;

/**
 * What kind of value a {@link ConfigKey} holds: how its text is parsed and which rule
 * {@link TelemetryConfigBuilder#build()} checks, so that an option is described once (in its
 * {@code ConfigKey} constant) and parsing, defaults, validation and {@code toString} follow from it.
 */
enum ConfigKind {
    /** {@code true} or {@code false}. */
    FLAG(ConfigKind::flag),
    /** A positive duration ({@link Durations}). */
    DURATION(Durations::parse),
    /** An integer within the key's range. */
    INTEGER(s -> Integer.parseInt(s.trim())),
    /** Any text without control characters (sent as a header), possibly empty. */
    TEXT(s -> s),
    /** Non-blank text without control characters. */
    NAME(s -> s),
    /** {@code host:port} or {@code http(s)://host:port}, resolved with {@code insecure} and {@code protocol}. */
    ENDPOINT(s -> s),
    /** {@code grpc} or {@code http}. */
    PROTOCOL(Protocol::parse),
    /** {@code auto} ({@code null}: decided by the protocol), {@code gzip} or {@code none}. */
    COMPRESSION(ConfigKind::compression),
    /** {@code explicit} or {@code base2_exponential}. */
    HISTOGRAM_AGGREGATION(HistogramAggregation::parse),
    /** An OpenTelemetry sampler name ({@link Sampling}). */
    SAMPLING(Sampling::parse),
    /** A ratio from 0 to 1. */
    RATIO(s -> Double.parseDouble(s.trim())),
    /** A comma-separated list of propagation formats ({@link Propagation}). */
    PROPAGATION(Propagation::parseList),
    /** A path to a readable file (PEM material). */
    FILE(s -> java.nio.file.Path.of(s.trim())),
    /** A directory the SDK may create and write; blank means none. */
    DIRECTORY(s -> s.isBlank() ? null : java.nio.file.Path.of(s.trim())),
    /** An absolute URL. */
    URL(ConfigKind::uri),
    /** Part of a composite credential (API key, query login): read by the parser, checked by its type. */
    CREDENTIAL(s -> s);

    private final Function<String, Object> parser;

    ConfigKind(Function<String, Object> parser) {
        this.parser = parser;
    }

    /**
     * The typed value of {@code text}.
     *
     * @throws IllegalArgumentException (or a subclass) when the text is not of this kind
     */
    Object parse(String text) {
        return parser.apply(text);
    }

    private static Object flag(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        throw new IllegalArgumentException("not a flag");
    }

    private static Object compression(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "auto": return null;
            case "gzip": case "true": return Boolean.TRUE;
            case "none": case "false": return Boolean.FALSE;
            default: throw new IllegalArgumentException("compression");
        }
    }

    private static Object uri(String s) {
        try {
            return new URI(s.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
