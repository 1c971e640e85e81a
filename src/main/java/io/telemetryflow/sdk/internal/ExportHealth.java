package io.telemetryflow.sdk.internal;

import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.SignalType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Export health fed by the exporters' real results and the processors' admissions.
 *
 * <p>Spans and logs pass an admission check before they enter the SDK's batch queue: at most
 * {@code maxQueueSize} admitted items may not yet have been handed to the exporter (the queue's
 * capacity); beyond that an item is dropped and counted here instead of silently inside the SDK. So
 * {@code recorded = exported + failed + dropped + queued} holds at every quiet moment, and
 * {@code recorded = exported + failed + dropped} once the queues are drained. Metrics are
 * aggregated in memory (there is no queue): their counters are data points per export.
 *
 * <p>Export failures are logged at most once per {@link #LOG_INTERVAL} per signal, so a missing
 * collector does not flood the application's log (OpenTelemetry's own failure messages are
 * rate-limited by {@link OpenTelemetryLogFilter}). The secret is scrubbed from every message kept
 * or logged.
 */
public final class ExportHealth {

    /** Minimum time between two failure log lines of one signal. */
    public static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    /**
     * Without a success for this long while failing, the SDK is unhealthy rather than degraded; a
     * drop makes it degraded for this long.
     */
    public static final Duration UNHEALTHY_AFTER = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(ExportHealth.class.getName());
    private static final long NEVER = Long.MIN_VALUE;
    private static final String FAILED_EXPORT_EXCEPTION = "io.opentelemetry.exporter.internal.FailedExportException";

    private final Map<SignalType, Counters> counters = new EnumMap<>(SignalType.class);
    private final long maxQueued;
    private final String secret;
    private final String keyId;
    private final boolean gzipOverHttp;
    // Final failures (refused key, gzip refused) are warned about once per kind, not once a minute.
    private final Set<String> adviceGiven = ConcurrentHashMap.newKeySet();
    private static final int MAX_REJECTION_CAUSES = 100;
    private final Set<String> rejectionsLogged = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean lastFailureWasFinal;
    private volatile long lastDropMillis = NEVER;

    /**
     * @param maxQueued admission bound per signal (the export queue capacity)
     * @param secret the API key secret, scrubbed from every message kept or logged
     */
    public ExportHealth(int maxQueued, String secret) {
        this(maxQueued, secret, null, false, Clock.systemUTC());
    }

    /**
     * @param maxQueued admission bound per signal (the export queue capacity)
     * @param secret the API key secret, scrubbed from every message kept or logged
     * @param keyId the API key id, named when the collector refuses the key
     * @param gzipOverHttp whether OTLP/HTTP bodies are gzip-compressed (a 400 then names the fix)
     */
    public ExportHealth(int maxQueued, String secret, String keyId, boolean gzipOverHttp) {
        this(maxQueued, secret, keyId, gzipOverHttp, Clock.systemUTC());
    }

    ExportHealth(int maxQueued, String secret, Clock clock) {
        this(maxQueued, secret, null, false, clock);
    }

    ExportHealth(int maxQueued, String secret, String keyId, boolean gzipOverHttp, Clock clock) {
        this.maxQueued = maxQueued;
        this.secret = secret;
        this.keyId = keyId;
        this.gzipOverHttp = gzipOverHttp;
        this.clock = clock;
        for (SignalType s : SignalType.values()) {
            counters.put(s, new Counters());
        }
    }

    /** Admits one item into the export pipeline of {@code signal}; {@code false} means dropped (counted). */
    public boolean admit(SignalType signal) {
        Counters c = counters.get(signal);
        // One atomic per admitted item, on the caller's thread: what may still be in the processor's queue is
        // admitted - dequeued (never less than what is), and recorded is derived from admitted + refused in
        // snapshot(). A CAS rather than increment-then-undo, so that count never exceeds the bound, not even
        // for an instant. Batches being exported no longer take queue room (the exporter keeps its own few).
        long dequeued = c.dequeued.get();
        while (true) {
            long admitted = c.admitted.get();
            if (admitted - dequeued >= maxQueued) {
                // dequeued only grows: re-read it before refusing, the export thread may just have freed room —
                // and then check the bound again, since other callers may have taken that room meanwhile
                long now = c.dequeued.get();
                if (now == dequeued) {
                    c.refused.incrementAndGet();
                    lastDropMillis = clock.millis();
                    return false;
                }
                dequeued = now;
                continue;
            }
            if (c.admitted.compareAndSet(admitted, admitted + 1)) {
                return true;
            }
        }
    }

    /**
     * Counts {@code n} items of {@code signal} dropped before entering the pipeline (after
     * shutdown, span registry overflow, instrument cap).
     */
    public void dropped(SignalType signal, long n) {
        if (n <= 0) {
            return;
        }
        Counters c = counters.get(signal);
        c.recorded.addAndGet(n);
        c.dropped.addAndGet(n);
        lastDropMillis = clock.millis();
    }

    /**
     * {@code n} admitted items were handed from the processor's queue to its exporter (once each, before their
     * outcome is known): room for as many in the queue.
     */
    public void dequeued(SignalType signal, int n) {
        counters.get(signal).dequeued.addAndGet(n);
    }

    /** Counts an accepted export of {@code n} items. */
    public void exported(SignalType signal, int n, boolean admitted) {
        Counters c = counters.get(signal);
        c.exported.addAndGet(n);
        if (admitted) {
            c.settled.addAndGet(n);
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
            c.settled.addAndGet(n);
        } else {
            c.recorded.addAndGet(n);
        }
        noteFailure(signal, c, n, cause, "");
    }

    // ---- the retry buffer's accounting: items move from the pipeline into the buffer and out ----

    /**
     * {@code n} admitted items moved into the retry buffer: after a retryable failure ({@code cause},
     * logged like a failure), or queued behind a backlog ({@code cause == null}, not a failure).
     */
    public void buffered(SignalType signal, int n, Throwable cause) {
        Counters c = counters.get(signal);
        c.buffered.addAndGet(n);
        c.settled.addAndGet(n);
        if (cause != null) {
            noteFailure(signal, c, n, cause, "; kept in the retry buffer and re-sent when the backend answers");
        }
    }

    /** The limits cut {@code n} values or elements from items of {@code signal} that are exported nonetheless. */
    public void truncated(SignalType signal, long n) {
        if (n > 0) {
            counters.get(signal).truncated.addAndGet(n);
        }
    }

    /**
     * {@code n} items an earlier run of the application left in the disk buffer were loaded into the retry
     * buffer: recorded (by that run) and buffered here, so the balance holds in this run too.
     */
    public void restored(SignalType signal, int n) {
        Counters c = counters.get(signal);
        c.recorded.addAndGet(n);
        c.buffered.addAndGet(n);
    }

    /** A re-send of {@code n} buffered items failed retryably again: they stay buffered (logged like a failure). */
    public void retryFailed(SignalType signal, int n, Throwable cause) {
        noteFailure(signal, counters.get(signal), n, cause, "; still buffered, retrying with backoff");
    }

    /** {@code n} buffered items were delivered. */
    public void bufferDelivered(SignalType signal, int n) {
        Counters c = counters.get(signal);
        c.exported.addAndGet(n);
        c.buffered.addAndGet(-n);
        lastSuccess.set(clock.instant());
    }

    /** {@code n} buffered items were refused for good (e.g. 400): counted as failed. */
    public void bufferFailed(SignalType signal, int n, Throwable cause) {
        Counters c = counters.get(signal);
        c.failed.addAndGet(n);
        c.buffered.addAndGet(-n);
        noteFailure(signal, c, n, cause, "");
    }

    /** {@code n} buffered items were dropped: the oldest, when the buffer was full, or what was left at shutdown. */
    public void bufferDropped(SignalType signal, long n) {
        if (n <= 0) {
            return;
        }
        Counters c = counters.get(signal);
        c.dropped.addAndGet(n);
        c.buffered.addAndGet(-n);
        lastDropMillis = clock.millis();
    }

    /**
     * A record call of {@code signal} was refused ({@code cause}: why, without the values): counted,
     * and logged once per distinct cause. The caller's business code never sees an exception.
     */
    public void rejected(SignalType signal, String cause) {
        Counters c = counters.get(signal);
        if (c == null) {
            return; // a disabled signal: the call was a no-op anyway
        }
        c.rejected.incrementAndGet();
        if (rejectionsLogged.size() < MAX_REJECTION_CAUSES && rejectionsLogged.add(signal + ":" + cause)) {
            LOG.log(Level.WARNING, "TelemetryFlow: a {0} record call was rejected: {1} (nothing was recorded; such calls"
                + " are counted as rejected in health() and this cause is logged once)",
                new Object[] {signal == SignalType.TRACES ? "span" : signal == SignalType.LOGS ? "log" : "metric",
                    scrub(cause)});
        }
    }

    /**
     * Whether a failed export may succeed later, so its items are worth keeping: no answer at all
     * (connection refused, timeout), HTTP 408/429/502/503/504, gRPC UNAVAILABLE, RESOURCE_EXHAUSTED,
     * DEADLINE_EXCEEDED, ABORTED. A 400/401/403 or any other answer is final.
     */
    static boolean isRetryable(Throwable cause) {
        Object response = failedResponse(cause);
        if (response instanceof HttpResponse) {
            return isRetryable(((HttpResponse) response).getStatusCode());
        }
        if (response instanceof GrpcResponse) {
            return isRetryable(((GrpcResponse) response).getStatusCode());
        }
        // no answer: the backend was not reached (down, refused, timed out) — unless TLS itself cannot work
        return !isPlaintextAnswerToTls(cause) && !isUntrustedCertificate(cause);
    }

    /** Whether an HTTP answer with {@code status} may succeed when sent again: 408, 429, 502, 503, 504. */
    public static boolean isRetryable(int status) {
        return status == 408 || status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** Whether a gRPC answer with {@code code} may succeed when sent again (the HTTP list's gRPC equivalents). */
    public static boolean isRetryable(GrpcStatusCode code) {
        return code == GrpcStatusCode.UNAVAILABLE || code == GrpcStatusCode.RESOURCE_EXHAUSTED
            || code == GrpcStatusCode.DEADLINE_EXCEEDED || code == GrpcStatusCode.ABORTED;
    }

    private void noteFailure(SignalType signal, Counters c, int n, Throwable cause, String outcome) {
        Instant now = clock.instant();
        String advice = advice(cause);
        String message = scrub(describe(cause) + (advice == null ? "" : " — " + advice));
        lastError.set(message);
        lastFailureWasFinal = advice != null;
        lastFailure.set(now);
        if (advice != null) {
            // Retrying cannot help: one warning that names the fix, then only the counts in health().
            if (adviceGiven.add(advice)) {
                LOG.log(Level.WARNING, "TelemetryFlow: export of {0} {1} failed: {2} (further failures of this"
                    + " kind are counted in health() without another message)", new Object[] {n, items(signal), message});
            }
            return;
        }
        long nowMillis = now.toEpochMilli();
        long last = c.lastLogMillis.get();
        if ((last == NEVER || nowMillis - last >= LOG_INTERVAL.toMillis())
            && c.lastLogMillis.compareAndSet(last, nowMillis)) {
            long suppressed = c.failuresSinceLog.getAndSet(0);
            LOG.log(Level.WARNING, "TelemetryFlow: export of {0} {1} failed: {2}{3}{4} (failures of this signal are"
                + " counted in health() and logged at most once per minute)",
                new Object[] {n, items(signal), message, outcome,
                    suppressed > 0 ? "; " + suppressed + " more failed export(s) since the last message" : ""});
        } else {
            c.failuresSinceLog.incrementAndGet();
        }
    }

    /** The current health. */
    public HealthStatus snapshot() {
        Map<SignalType, SignalHealth> signals = new EnumMap<>(SignalType.class);
        for (Map.Entry<SignalType, Counters> e : counters.entrySet()) {
            Counters c = e.getValue();
            // where items end up first, where they come from last: a concurrent record can only make recorded larger
            long exported = c.exported.get();
            long failed = c.failed.get();
            long buffered = Math.max(0, c.buffered.get());
            long settled = c.settled.get();
            long refused = c.refused.get();
            long drops = c.dropped.get() + refused;
            long admitted = c.admitted.get();
            long queued = Math.max(0, admitted - settled);
            long recorded = c.recorded.get() + admitted + refused;
            signals.put(e.getKey(), new SignalHealth(recorded, exported, failed, drops, queued, buffered,
                c.rejected.get(), c.truncated.get()));
        }
        Instant success = lastSuccess.get();
        Instant failure = lastFailure.get();
        HealthStatus.State state;
        boolean failing = failure != null && (success == null || failure.isAfter(success));
        if (failing) {
            boolean recentSuccess = success != null
                && Duration.between(success, clock.instant()).compareTo(UNHEALTHY_AFTER) < 0;
            // Rejected credentials do not heal by retrying: unhealthy at once.
            state = recentSuccess && !lastFailureWasFinal ? HealthStatus.State.DEGRADED : HealthStatus.State.UNHEALTHY;
        } else {
            long lastDrop = lastDropMillis;
            boolean recentDrop = lastDrop != NEVER && clock.millis() - lastDrop < UNHEALTHY_AFTER.toMillis();
            state = recentDrop ? HealthStatus.State.DEGRADED : HealthStatus.State.HEALTHY;
        }
        return new HealthStatus(state, Optional.ofNullable(success), Optional.ofNullable(lastError.get()), signals);
    }

    /** Removes the secret (and its part after {@code tfs_}) from {@code text}. */
    String scrub(String text) {
        return Secrets.scrub(text, secret);
    }

    /**
     * A short, secret-free description of an export failure: the HTTP status or gRPC code the
     * backend answered with, or the I/O problem (connection refused, timeout, ...). OpenTelemetry's
     * failure exceptions ({@code FailedExportException}) carry no message of their own, so their
     * response is unpacked here.
     */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "export rejected by the backend or timed out";
        }
        Object response = failedResponse(cause);
        if (response instanceof HttpResponse) {
            HttpResponse r = (HttpResponse) response;
            String reason = r.getStatusMessage();
            String code = String.valueOf(r.getStatusCode());
            return "HTTP status " + code
                + (reason == null || reason.isBlank() || reason.trim().equals(code) ? "" : " " + truncate(reason, 100));
        }
        if (response instanceof GrpcResponse) {
            GrpcResponse r = (GrpcResponse) response;
            String description = r.getStatusDescription();
            return "gRPC status " + r.getStatusCode()
                + (description == null || description.isBlank() ? "" : ": " + truncate(description, 200));
        }
        return describeIo(isFailedExport(cause) ? cause.getCause() : cause);
    }

    /**
     * What a user must change when a failure is final (retrying cannot help), else {@code null}:
     * a refused API key (401/403 from the collector's {@code /v2} routes) or a gzip body that the
     * TelemetryFlow collector's OTLP/HTTP handler cannot read (400). Never names the secret.
     */
    private String advice(Throwable cause) {
        Object response = failedResponse(cause);
        if (isAuthFailure(cause)) {
            String status = response instanceof HttpResponse
                ? "HTTP " + ((HttpResponse) response).getStatusCode() : "gRPC " + ((GrpcResponse) response).getStatusCode();
            return "the collector refused API key id " + (keyId == null ? "(unset)" : keyId) + " (" + status
                + "); not retried: check telemetryflow.api-key-id and telemetryflow.api-key-secret";
        }
        if (isUntrustedCertificate(cause)) {
            return "the collector's TLS certificate is not trusted by this JVM; set telemetryflow.tls.ca-file to the"
                + " PEM of its CA (or add the CA to the JVM's trust store)";
        }
        if (isPlaintextAnswerToTls(cause)) {
            return "the endpoint answered in plaintext to a TLS handshake; for a local collector without TLS set"
                + " telemetryflow.insecure=true (or an http:// endpoint), else check the port";
        }
        if (gzipOverHttp && response instanceof HttpResponse && ((HttpResponse) response).getStatusCode() == 400) {
            return "the TelemetryFlow collector does not decode gzip on OTLP/HTTP; set telemetryflow.compression=none"
                + " (or auto, the default: gzip only on gRPC to a remote host)";
        }
        return null;
    }

    /** Whether the TLS handshake failed on the collector's certificate (no trusted path to it). Final. */
    static boolean isUntrustedCertificate(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.security.cert.CertPathValidatorException
                || t instanceof java.security.cert.CertificateException
                || (t.getMessage() != null && t.getMessage().contains("PKIX path building failed"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a TLS handshake got a plaintext answer (the JDK's "Unsupported or unrecognized SSL message"):
     * an endpoint without TLS behind a {@code host:port} that defaults to TLS. Final: resending cannot help.
     */
    static boolean isPlaintextAnswerToTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException && t.getMessage() != null
                && (t.getMessage().contains("Unsupported or unrecognized SSL message")
                    || t.getMessage().contains("plaintext connection"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the backend refused the credentials (HTTP 401/403, gRPC UNAUTHENTICATED /
     * PERMISSION_DENIED): retrying cannot help, and the exporters do not retry these.
     */
    static boolean isAuthFailure(Throwable cause) {
        Object response = failedResponse(cause);
        if (response instanceof HttpResponse) {
            int status = ((HttpResponse) response).getStatusCode();
            return status == 401 || status == 403;
        }
        if (response instanceof GrpcResponse) {
            GrpcStatusCode code = ((GrpcResponse) response).getStatusCode();
            return code == GrpcStatusCode.UNAUTHENTICATED || code == GrpcStatusCode.PERMISSION_DENIED;
        }
        return false;
    }

    private static boolean isFailedExport(Throwable cause) {
        for (Class<?> c = cause.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(FAILED_EXPORT_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The backend's answer carried by OpenTelemetry's {@code FailedExportException} (an internal
     * class of a runtime-only dependency, hence read reflectively), or {@code null}.
     */
    private static Object failedResponse(Throwable cause) {
        if (cause == null || !isFailedExport(cause)) {
            return null;
        }
        try {
            return cause.getClass().getMethod("getResponse").invoke(cause);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    static String items(SignalType signal) {
        switch (signal) {
            case TRACES: return "spans";
            case LOGS: return "log records";
            default: return "metric points";
        }
    }

    /** {@code Type: first message in the cause chain (RootType)}, e.g. {@code ConnectException (ClosedChannelException)}. */
    private static String describeIo(Throwable cause) {
        if (cause == null) {
            return "the request could not be executed";
        }
        Throwable root = cause;
        String message = null;
        for (int i = 0; i < 8 && root != null; i++) {
            if (message == null && root.getMessage() != null && !root.getMessage().isBlank()) {
                message = root.getMessage();
            }
            if (root.getCause() == null || root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + truncate(message, 300))
            + (root == cause ? "" : " (" + root.getClass().getSimpleName() + ")");
    }

    private static String truncate(String m, int max) {
        return m.length() > max ? m.substring(0, max) + "…" : m;
    }

    private static final class Counters {
        /** Recorded outside admission (dropped before it, exported without it, restored from disk). */
        final AtomicLong recorded = new AtomicLong();
        /** Items admitted into the pipeline, ever; in flight = admitted - settled. */
        final AtomicLong admitted = new AtomicLong();
        /** Admitted items that left the pipeline: exported, failed or moved into the retry buffer. */
        final AtomicLong settled = new AtomicLong();
        /** Admitted items handed to the exporter (out of the processor's queue, perhaps still on the wire). */
        final AtomicLong dequeued = new AtomicLong();
        /** Items refused at admission (the pipeline was full): dropped. */
        final AtomicLong refused = new AtomicLong();
        final AtomicLong exported = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong buffered = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong truncated = new AtomicLong();
        final AtomicLong lastLogMillis = new AtomicLong(NEVER);
        final AtomicLong failuresSinceLog = new AtomicLong();
    }
}
