package io.telemetryflow.cdi.internal.lite;

import io.telemetryflow.sdk.TelemetryClient;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanDisposer;

/** Flushes then shuts the client down when the container destroys it (application stop). */
public final class ClientDisposer implements SyntheticBeanDisposer<TelemetryClient> {

    @Override
    public void dispose(TelemetryClient client, Instance<Object> lookup, Parameters params) {
        client.shutdown();
    }
}
