package io.telemetryflow.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** An application bean that records telemetry the CDI way: by firing command events. */
@ApplicationScoped
public class CommandPublisher {

    @Inject
    Event<Object> events;

    public void fire(Object command) {
        events.fire(command);
    }

    public <T> CompletionStage<T> fireAsync(T command) {
        return events.fireAsync(command);
    }
}
