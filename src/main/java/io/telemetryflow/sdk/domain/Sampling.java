package io.telemetryflow.sdk.domain;

import java.util.Locale;

/**
 * Which traces are recorded ({@code telemetryflow.traces.sampler}, OpenTelemetry's sampler names).
 * The ratio of the {@code traceidratio} kinds is {@code telemetryflow.traces.sampler.arg}.
 */
public enum Sampling {
    /** Every trace. */
    ALWAYS_ON,
    /** No trace. */
    ALWAYS_OFF,
    /** A fixed share of traces, decided from the trace id (the ratio argument). */
    TRACEIDRATIO,
    /** As the parent decided (an incoming {@code sampled=0} is honoured); root spans always: the default. */
    PARENTBASED_ALWAYS_ON,
    /** As the parent decided; root spans never. */
    PARENTBASED_ALWAYS_OFF,
    /** As the parent decided; root spans by trace-id ratio. */
    PARENTBASED_TRACEIDRATIO;

    /**
     * Parses a sampler name, e.g. {@code parentbased_traceidratio} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Sampling parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /** Whether the ratio argument applies. */
    public boolean usesRatio() {
        return this == TRACEIDRATIO || this == PARENTBASED_TRACEIDRATIO;
    }
}
