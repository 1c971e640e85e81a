package io.telemetryflow.sdk.application;

import io.telemetryflow.sdk.domain.SignalType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The SDK's export health ({@code GetHealthQuery}, {@code TelemetryClient.health()}), fed by the
 * exporters' real results: never a guess, and never containing the API key secret.
 *
 * @param status overall state
 * @param lastSuccessfulExport time of the last export the backend accepted, if any
 * @param lastError message of the last export failure (never containing the secret), if any
 * @param signals counters per enabled signal
 */
public record HealthStatus(State status, Optional<Instant> lastSuccessfulExport, Optional<String> lastError,
                           Map<SignalType, SignalHealth> signals) {

    /** Overall state. */
    public enum State {
        /** Exports succeed (or nothing was exported yet) and nothing was dropped in the last 5 minutes. */
        HEALTHY,
        /**
         * The last export failed but one succeeded within the last 5 minutes, or data was dropped
         * (queue full, span registry overflow, after shutdown) within the last 5 minutes.
         */
        DEGRADED,
        /**
         * Exports are failing and none succeeded in the last 5 minutes (e.g. no collector), or the
         * backend rejected the credentials (HTTP 401/403, gRPC UNAUTHENTICATED/PERMISSION_DENIED).
         */
        UNHEALTHY;

        /** Lower-case name, as in the query API ({@code healthy}, …). */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Copies. */
    public HealthStatus {
        signals = Map.copyOf(signals);
    }

    /**
     * Counters of one signal, cumulative since the client started. For spans and logs:
     * {@code recorded = exported + failed + dropped + queued + buffered} (exactly, whenever no record
     * call is running); once flushed and delivered, {@code queued} and {@code buffered} are 0. For metrics (aggregated in memory, no queue) the
     * counts are data points per export: {@code recorded = exported + failed + dropped}.
     *
     * @param recorded items handed to the SDK (spans ended, log records emitted, metric points exported for metrics)
     * @param exported items the backend accepted
     * @param failed items whose export failed for good (a final answer such as 400/401/403, or retries off)
     * @param dropped items discarded before export (queue full, span registry overflow, after shutdown, instrument cap)
     * @param queued items waiting in the export queue or being exported now: at most the queue's size plus three
     *     batches (two on the wire, one waiting for them)
     * @param buffered items kept in the retry buffer after a retryable failure (backend down,
     *     429/502/503/504, gRPC UNAVAILABLE), re-sent until the backend answers; the oldest are
     *     dropped (and counted) when the buffer is full
     * @param rejected record calls refused for invalid input (a blank name, a negative increment, NaN, a
     *     null attribute key, …) or made before {@code initialize()}: never recorded, so outside the
     *     balance above; each cause is logged once
     * @param truncated what the limits ({@code telemetryflow.limits.*}) cut from items that were exported
     *     nonetheless: attribute values cut to {@code attribute-length}, attributes, span events and links
     *     beyond their counts, log bodies cut to {@code log-body-length} — one per value or element cut;
     *     outside the balance (the items themselves are counted above)
     */
    public record SignalHealth(long recorded, long exported, long failed, long dropped, long queued, long buffered,
                               long rejected, long truncated) {

        /** Nothing truncated. */
        public SignalHealth(long recorded, long exported, long failed, long dropped, long queued, long buffered,
                            long rejected) {
            this(recorded, exported, failed, dropped, queued, buffered, rejected, 0);
        }

        /** Nothing rejected or truncated. */
        public SignalHealth(long recorded, long exported, long failed, long dropped, long queued, long buffered) {
            this(recorded, exported, failed, dropped, queued, buffered, 0, 0);
        }

        /** Without a retry buffer (nothing buffered), nothing rejected or truncated. */
        public SignalHealth(long recorded, long exported, long failed, long dropped, long queued) {
            this(recorded, exported, failed, dropped, queued, 0, 0, 0);
        }

        /** Whether {@code recorded = exported + failed + dropped + queued + buffered}. */
        public boolean balanced() {
            return recorded == exported + failed + dropped + queued + buffered;
        }
    }
}
