package io.telemetryflow.sdk.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Explicit histogram bucket boundaries: what is allowed, and the defaults for durations in seconds.
 */
public final class HistogramBuckets {

    /**
     * The semantic conventions' boundaries for durations in seconds (e.g. {@code http.server.request.duration}):
     * 5 ms … 10 s, used by default for every histogram whose unit is {@code s}.
     */
    public static final List<Double> SECONDS = List.of(
        0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    private HistogramBuckets() {
    }

    /** Why {@code boundaries} cannot be bucket boundaries, or {@code null} if they can (finite, strictly ascending, at least one). */
    public static String problem(List<Double> boundaries) {
        if (boundaries == null || boundaries.isEmpty()) {
            return "at least one boundary";
        }
        for (int i = 0; i < boundaries.size(); i++) {
            Double b = boundaries.get(i);
            if (b == null || !Double.isFinite(b)) {
                return "finite numbers";
            }
            if (i > 0 && b <= boundaries.get(i - 1)) {
                return "strictly ascending numbers";
            }
        }
        return null;
    }

    /** Parses {@code 0.005, 0.01, 0.1} (commas, optional spaces). @throws IllegalArgumentException if a part is not a number */
    static List<Double> parse(String text) {
        List<Double> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(Double.parseDouble(part.trim()));
            }
        }
        return List.copyOf(out);
    }

    /** The {@code double[]} form OpenTelemetry's APIs take. */
    public static List<Double> of(double... boundaries) {
        List<Double> out = new ArrayList<>(boundaries.length);
        for (double b : boundaries) {
            out.add(b);
        }
        return List.copyOf(out);
    }
}
