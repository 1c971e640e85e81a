package io.telemetryflow.cdi.internal.health;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import java.util.Locale;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The MicroProfile Health readiness check {@code telemetryflow}: UP while the last exports
 * succeeded, DOWN while they fail (status, reason and per-signal counters as data; never a secret).
 *
 * <p>Registered by the CDI extensions only where the runtime has MicroProfile Health ({@link HealthApi};
 * this class names the API, so it is never loaded elsewhere). With {@code telemetryflow.health.enabled=false}
 * or a disabled SDK it is always UP: an instance should not leave the load balancer because its
 * telemetry backend is down unless its operators want exactly that.
 */
public final class TelemetryFlowReadinessCheck implements HealthCheck {

    /** The check's name in the health report. */
    public static final String NAME = "telemetryflow";

    private final Supplier<TelemetryClient> client;

    /**
     * A check of the application's client. A supplier, not a lookup at call time: health endpoints run
     * on the runtime's threads (Payara's), where {@code CDI.current()} does not find the application.
     */
    public TelemetryFlowReadinessCheck(Supplier<TelemetryClient> client) {
        this.client = client;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        try {
            TelemetryClient client = this.client.get();
            if (!client.config().enabled() || !client.config().healthCheckEnabled()) {
                return response.up().withData("status", "not checked (disabled)").build();
            }
            HealthStatus health = client.health();
            response.status(health.status() == HealthStatus.State.HEALTHY).withData("status", health.status().label());
            health.lastError().ifPresent(e -> response.withData("lastError", e));
            health.signals().forEach((signal, s) -> data(response, signal.name().toLowerCase(Locale.ROOT), s));
        } catch (RuntimeException e) {
            response.down().withData("error", e.getClass().getSimpleName());
        }
        return response.build();
    }

    private static void data(HealthCheckResponseBuilder r, String signal, SignalHealth s) {
        r.withData(signal + ".exported", s.exported()).withData(signal + ".failed", s.failed())
            .withData(signal + ".dropped", s.dropped()).withData(signal + ".buffered", s.buffered());
    }
}
