package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.telemetryflow.sdk.domain.HistogramBuckets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Creates each instrument once and reuses it: a counter named X is built on its first use only.
 *
 * <p>Gauges are synchronous OpenTelemetry gauges, so recording a value never registers a
 * callback. The number of distinct instruments is capped ({@link #MAX_INSTRUMENTS}); beyond it,
 * records for new names are dropped and counted rather than growing memory without bound.
 */
public final class InstrumentCache {

    /** Upper bound of distinct instruments. */
    public static final int MAX_INSTRUMENTS = 10_000;

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(InstrumentCache.class.getName());

    private static final String SECONDS_UNIT = "s";

    private final Meter meter;
    private final ExportHealth health;
    private final ConcurrentMap<String, LongCounter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, DoubleGauge> gauges = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, DoubleHistogram> histograms = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /** A cache creating instruments on {@code meter}. */
    public InstrumentCache(Meter meter) {
        this(meter, null);
    }

    /**
     * A cache creating instruments on {@code meter}; records refused by the instrument cap are
     * counted as dropped metrics in {@code health}.
     */
    public InstrumentCache(Meter meter, ExportHealth health) {
        this.meter = meter;
        this.health = health;
    }

    /** The counter {@code name}, or {@code null} if the instrument cap is reached. */
    public LongCounter counter(String name) {
        LongCounter c = counters.get(name);
        return c != null ? c : create(counters, name, n -> meter.counterBuilder(n).build());
    }

    /** A counter with description and unit (used by {@code @Counted}). */
    public LongCounter counter(String name, String description, String unit) {
        LongCounter c = counters.get(name);
        return c != null ? c : create(counters, name, n -> {
            var b = meter.counterBuilder(n);
            if (isSet(description)) {
                b.setDescription(description);
            }
            if (isSet(unit)) {
                b.setUnit(unit);
            }
            return b.build();
        });
    }

    /** The synchronous gauge {@code name} with {@code unit}, or {@code null} if the cap is reached. */
    public DoubleGauge gauge(String name, String unit) {
        DoubleGauge g = gauges.get(name);
        return g != null ? g : create(gauges, name, n -> {
            var b = meter.gaugeBuilder(n);
            if (isSet(unit)) {
                b.setUnit(unit);
            }
            return b.build();
        });
    }

    /** The histogram {@code name} with {@code unit}, or {@code null} if the cap is reached. */
    public DoubleHistogram histogram(String name, String unit, String description) {
        return histogram(name, unit, description, null);
    }

    /**
     * The histogram {@code name}, or {@code null} if the cap is reached. Its bucket boundaries are
     * advised: {@code boundaries} if given, else for a unit of seconds the semantic-convention
     * boundaries ({@link HistogramBuckets#SECONDS}; OpenTelemetry's defaults are made for milliseconds).
     * Boundaries configured for the name ({@code telemetryflow.metrics.histogram.<name>.buckets}) are a
     * view and win over the advice. The first creation of a name decides its unit and boundaries.
     */
    public DoubleHistogram histogram(String name, String unit, String description, List<Double> boundaries) {
        DoubleHistogram h = histograms.get(name);
        return h != null ? h : create(histograms, name, n -> {
            var b = meter.histogramBuilder(n);
            if (isSet(unit)) {
                b.setUnit(unit);
            }
            if (isSet(description)) {
                b.setDescription(description);
            }
            List<Double> advice = boundaries != null && !boundaries.isEmpty() ? boundaries
                : SECONDS_UNIT.equals(unit) ? HistogramBuckets.SECONDS : null;
            if (advice != null) {
                b.setExplicitBucketBoundariesAdvice(advice);
            }
            return b.build();
        });
    }

    /**
     * The slow path of every lookup above (the name is not cached yet): within the cap, creates the
     * instrument once. Only reached on a miss, so the callers' lambdas are not built on the hot path.
     */
    private <I> I create(ConcurrentMap<String, I> cache, String name, Function<String, I> build) {
        if (!admit()) {
            return null;
        }
        return cache.computeIfAbsent(InstrumentNames.require(name), n -> {
            created.incrementAndGet();
            return build.apply(n);
        });
    }

    private static boolean isSet(String text) {
        return text != null && !text.isEmpty();
    }

    /** How many instruments were created so far. */
    public long instrumentCount() {
        return created.get();
    }

    /** How many records were dropped because the instrument cap was reached. */
    public long rejectedCount() {
        return rejected.get();
    }

    private boolean admit() {
        if (created.get() >= MAX_INSTRUMENTS) {
            if (rejected.getAndIncrement() == 0) {
                LOG.warning("TelemetryFlow: more than " + MAX_INSTRUMENTS + " distinct instrument names; records for"
                    + " new names are dropped (counted in health()). Are names built from variable data?");
            }
            if (health != null) {
                health.dropped(io.telemetryflow.sdk.domain.SignalType.METRICS, 1);
            }
            return false;
        }
        return true;
    }
}
