package io.telemetryflow.cdi.internal.lite;

import io.telemetryflow.cdi.internal.TelemetryBeans;
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
        // The configuration first, outside the synthetic bean: a bad one then fails the start with our
        // TelemetryConfigException itself, not inside a "CreationException: Error creating synthetic bean [hash]".
        TelemetryBeans.client();
        CDI.current().select(TelemetryClient.class).get().isInitialized();
    }
}
