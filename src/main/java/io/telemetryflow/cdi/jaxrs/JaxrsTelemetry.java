package io.telemetryflow.cdi.jaxrs;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.infrastructure.TelemetryRuntime;
import jakarta.enterprise.inject.spi.CDI;

/** Finds the running SDK for the JAX-RS filters (providers are created by the JAX-RS runtime, not always by CDI). */
final class JaxrsTelemetry {

    private volatile TelemetryClient client;

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
        TelemetryRuntime rt = c.runtime();
        return rt != null && rt.config().jaxrsEnabled() ? rt : null;
    }
}
