package io.telemetryflow.sdk.infrastructure;

import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.SignalType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Export health fed by the exporters' real results and the processors' admissions.
 *
 * <p>Spans and logs pass an admission check before they enter the SDK's batch queue: at most
 * {@code maxQueueSize} items may be in flight (queued or being exported); beyond that an item is
 * dropped and counted here instead of silently inside the SDK. So at any quiet moment
 * {@code recorded = exported + failed + dropped} holds exactly.
 *
 * <p>Export failures are logged at most once per {@link #LOG_INTERVAL} per signal, so a missing
 * collector does not flood the application's log.
 */
public final class ExportHealth {

    /** Minimum time between two failure log lines of one signal. */
    public static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    /** Without a success for this long while failing, the SDK is unhealthy rather than degraded. */
    public static final Duration UNHEALTHY_AFTER = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(ExportHealth.class.getName());

    private final Map<SignalType, Counters> counters = new EnumMap<>(SignalType.class);
    private final long maxInFlight;
    private final String secret;
    private final Clock clock;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    /**
     * @param maxInFlight admission bound per signal (the export queue capacity)
     * @param secret the API key secret, scrubbed from every message kept or logged
     */
    public ExportHealth(int maxInFlight, String secret) {
        this(maxInFlight, secret, Clock.systemUTC());
    }

    ExportHealth(int maxInFlight, String secret, Clock clock) {
        this.maxInFlight = maxInFlight;
        this.secret = secret;
        this.clock = clock;
        for (SignalType s : SignalType.values()) {
            counters.put(s, new Counters());
        }
    }

    /** Admits one item into the export pipeline of {@code signal}; {@code false} means dropped (counted). */
    public boolean admit(SignalType signal) {
        Counters c = counters.get(signal);
        c.recorded.incrementAndGet();
        if (c.inFlight.incrementAndGet() > maxInFlight) {
            c.inFlight.decrementAndGet();
            c.dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Counts {@code n} items of {@code signal} dropped before entering the pipeline (e.g. after shutdown). */
    public void dropped(SignalType signal, long n) {
        Counters c = counters.get(signal);
        c.recorded.addAndGet(n);
        c.dropped.addAndGet(n);
    }

    /** Counts an accepted export of {@code n} items. */
    public void exported(SignalType signal, int n, boolean admitted) {
        Counters c = counters.get(signal);
        c.exported.addAndGet(n);
        if (admitted) {
            c.inFlight.addAndGet(-n);
        } else {
            c.recorded.addAndGet(n);
        }
        lastSuccess.set(clock.instant());
    }

    /** Counts a failed export of {@code n} items and logs it, at most once per interval per signal. */
    public void failed(SignalType signal, int n, boolean admitted, Throwable cause) {
        Counters c = counters.get(signal);
        c.failed.addAndGet(n);
        if (admitted) {
            c.inFlight.addAndGet(-n);
        } else {
            c.recorded.addAndGet(n);
        }
        Instant now = clock.instant();
        lastFailure.set(now);
        String message = scrub(describe(cause));
        lastError.set(message);
        long last = c.lastLogMillis.get();
        if (now.toEpochMilli() - last >= LOG_INTERVAL.toMillis() && c.lastLogMillis.compareAndSet(last, now.toEpochMilli())) {
            LOG.log(Level.WARNING, "TelemetryFlow: export of {0} {1} failed: {2} (further failures of this signal"
                + " are counted in health() and logged at most once per minute)",
                new Object[] {n, signal.name().toLowerCase(java.util.Locale.ROOT), message});
        }
    }

    /** The current health. */
    public HealthStatus snapshot() {
        Map<SignalType, SignalHealth> signals = new EnumMap<>(SignalType.class);
        long dropped = 0;
        for (Map.Entry<SignalType, Counters> e : counters.entrySet()) {
            Counters c = e.getValue();
            signals.put(e.getKey(), new SignalHealth(c.recorded.get(), c.exported.get(), c.failed.get(),
                c.dropped.get(), Math.max(0, c.inFlight.get())));
            dropped += c.dropped.get();
        }
        Instant success = lastSuccess.get();
        Instant failure = lastFailure.get();
        HealthStatus.State state;
        boolean failing = failure != null && (success == null || failure.isAfter(success));
        if (failing) {
            boolean recentSuccess = success != null
                && Duration.between(success, clock.instant()).compareTo(UNHEALTHY_AFTER) < 0;
            state = recentSuccess ? HealthStatus.State.DEGRADED : HealthStatus.State.UNHEALTHY;
        } else {
            state = dropped > 0 ? HealthStatus.State.DEGRADED : HealthStatus.State.HEALTHY;
        }
        return new HealthStatus(state, Optional.ofNullable(success), Optional.ofNullable(lastError.get()), signals);
    }

    /** Removes the secret from {@code text}. */
    String scrub(String text) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "****");
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "export rejected by the backend or timed out";
        }
        String m = cause.getMessage();
        return cause.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 300 ? m.substring(0, 300) + "…" : m));
    }

    private static final class Counters {
        final AtomicLong recorded = new AtomicLong();
        final AtomicLong exported = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong inFlight = new AtomicLong();
        final AtomicLong lastLogMillis = new AtomicLong(Long.MIN_VALUE / 2);
    }
}
