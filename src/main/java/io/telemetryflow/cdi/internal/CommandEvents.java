package io.telemetryflow.cdi.internal;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.AddSpanEventCommand;
import io.telemetryflow.sdk.application.Command;
import io.telemetryflow.sdk.application.EmitLogCommand;
import io.telemetryflow.sdk.application.EndSpanCommand;
import io.telemetryflow.sdk.application.FlushTelemetryCommand;
import io.telemetryflow.sdk.application.RecordCounterCommand;
import io.telemetryflow.sdk.application.RecordGaugeCommand;
import io.telemetryflow.sdk.application.RecordHistogramCommand;
import io.telemetryflow.sdk.application.RecordMetricCommand;
import io.telemetryflow.sdk.application.StartSpanCommand;
import java.util.List;

/** The command types observed as CDI events, and the safe delivery of one event to the client. */
public final class CommandEvents {

    /** Every command type; each gets a synchronous and an asynchronous observer. */
    public static final List<Class<? extends Command<?>>> TYPES = List.of(
        RecordCounterCommand.class, RecordGaugeCommand.class, RecordHistogramCommand.class,
        RecordMetricCommand.class, EmitLogCommand.class, StartSpanCommand.class, EndSpanCommand.class,
        AddSpanEventCommand.class, FlushTelemetryCommand.class);

    private CommandEvents() {
    }

    /**
     * Hands {@code event} to the client's command bus. Never throws: an observer failure would
     * otherwise propagate to the code that fired the event and change its outcome.
     */
    public static void deliver(TelemetryClient client, Object event) {
        if (client == null || !(event instanceof Command)) {
            return;
        }
        try {
            client.send((Command<?>) event);
        } catch (RuntimeException e) {
            LogOnce.warn("event:" + event.getClass().getName() + ":" + e.getClass().getName(),
                "handling " + event.getClass().getSimpleName() + " event", e);
        }
    }
}
