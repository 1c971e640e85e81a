package io.telemetryflow.cdi.internal.lite;

import io.telemetryflow.cdi.internal.CommandEvents;
import io.telemetryflow.sdk.TelemetryClient;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticObserver;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.EventContext;

/** Delivers a fired command event to the client's command bus (sync and async observers). */
public final class CommandObserver implements SyntheticObserver<Object> {

    private volatile TelemetryClient client;

    @Override
    public void observe(EventContext<Object> event, Parameters params) {
        TelemetryClient c = client;
        if (c == null) {
            c = CDI.current().select(TelemetryClient.class).get();
            client = c;
        }
        CommandEvents.deliver(c, event.getEvent());
    }

}
