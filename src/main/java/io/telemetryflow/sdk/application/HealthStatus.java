package io.telemetryflow.sdk.application;

import io.telemetryflow.sdk.domain.SignalType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The SDK's export health.
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
        /** Exports succeed (or nothing was exported yet). */
        HEALTHY,
        /** The last export failed or data was dropped, but the backend was reached recently. */
        DEGRADED,
        /** Exports have been failing and no export succeeded recently. */
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
     * Counters of one signal. For spans and logs: {@code recorded = exported + failed + dropped + queued}.
     *
     * @param recorded items handed to the SDK (spans ended, log records emitted, metric points exported for metrics)
     * @param exported items the backend accepted
     * @param failed items whose export failed after retries
     * @param dropped items discarded before export (queue full, span registry overflow, after shutdown, instrument cap)
     * @param queued items waiting in the export queue now
     */
    public record SignalHealth(long recorded, long exported, long failed, long dropped, long queued) {
    }
}
