package io.telemetryflow.bench;

import io.telemetryflow.sdk.application.RecordCounterCommand;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Fires commands as CDI events, as application code does ({@code @Dependent}: no client proxy, see {@link BenchService}). */
@Dependent
public class CommandSource {

    @Inject
    Event<RecordCounterCommand> counters;

    public void fireCounter() {
        counters.fire(RecordCounterCommand.of("bench.event.counter", 1, Bench.MAP));
    }
}
