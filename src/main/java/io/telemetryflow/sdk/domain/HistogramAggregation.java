package io.telemetryflow.sdk.domain;

import java.util.Locale;

/** How histograms aggregate their values ({@code telemetryflow.metrics.histogram.aggregation}). */
public enum HistogramAggregation {
    /**
     * Fixed bucket boundaries, the default: per histogram as configured, else the boundaries the
     * instrument advises, else for a unit of seconds ({@code s}) the semantic-convention boundaries
     * 0.005 … 10 s, else OpenTelemetry's defaults (0 … 10000, made for milliseconds).
     */
    EXPLICIT,
    /** Base-2 exponential buckets (OpenTelemetry's {@code base2_exponential_bucket_histogram}): scale-free. */
    BASE2_EXPONENTIAL;

    /**
     * Parses {@code explicit} or {@code base2_exponential} (case-insensitive; OpenTelemetry's names
     * {@code explicit_bucket_histogram} and {@code base2_exponential_bucket_histogram} too).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static HistogramAggregation parse(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "explicit": case "explicit_bucket_histogram": return EXPLICIT;
            case "base2_exponential": case "base2_exponential_bucket_histogram": return BASE2_EXPONENTIAL;
            default: throw new IllegalArgumentException("allowed: explicit, base2_exponential");
        }
    }
}
