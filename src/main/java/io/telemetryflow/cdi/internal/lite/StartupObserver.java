package io.telemetryflow.cdi.internal.lite;

import io.telemetryflow.sdk.TelemetryClient;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticObserver;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.EventContext;

/**
 * Creates the client when the application starts: the SDK is running before the first
 * request, and an invalid configuration fails the start instead of the first use.
 */
public final class StartupObserver implements SyntheticObserver<Startup> {

    @Override
    public void observe(EventContext<Startup> event, Parameters params) {
        CDI.current().select(TelemetryClient.class).get().isInitialized();
    }
}
