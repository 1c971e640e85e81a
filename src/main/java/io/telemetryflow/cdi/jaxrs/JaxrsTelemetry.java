package io.telemetryflow.cdi.jaxrs;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.internal.ClientInternals;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import jakarta.enterprise.inject.spi.CDI;

/** Finds the running SDK for the JAX-RS filters (providers are created by the JAX-RS runtime, not always by CDI). */
final class JaxrsTelemetry {

    /** After this many failed lookups or calls without one success, {@link #guardRequestEnd} stops trying. */
    private static final int GUARD_ATTEMPTS = 10;

    private volatile TelemetryClient client;
    private volatile RequestEndGuard guard;
    private volatile boolean guardWorks;
    private volatile int guardFailures;

    /** The running SDK if telemetry and the JAX-RS integration are enabled, else {@code null}. */
    TelemetryRuntime runtime() {
        TelemetryClient c = client;
        if (c == null) {
            try {
                c = CDI.current().select(TelemetryClient.class).get();
            } catch (RuntimeException | LinkageError e) {
                return null;    // no CDI container (or not yet started): stay out of the way
            }
            client = c;
        }
        TelemetryRuntime rt = ClientInternals.runtime(c);
        return rt != null && rt.config().jaxrsEnabled() ? rt : null;
    }

    /**
     * Runs {@code action} when the current CDI request context ends ({@link RequestEndGuard}).
     *
     * @return whether it is registered; {@code false} without an active request context or where the
     *         guard is not a bean (then the next request on the thread cleans up instead)
     */
    boolean guardRequestEnd(Runnable action) {
        if (!guardWorks && guardFailures >= GUARD_ATTEMPTS) {
            return false;   // never worked here: spare every request a failing lookup
        }
        try {
            RequestEndGuard g = guard;
            if (g == null) {
                g = CDI.current().select(RequestEndGuard.class).get();  // a client proxy: one for all requests
                guard = g;
            }
            g.onEnd(action);    // ContextNotActiveException without a request context
            guardWorks = true;
            return true;
        } catch (RuntimeException | LinkageError e) {
            guardFailures++;
            return false;
        }
    }
}
