package io.telemetryflow.sdk.application;

/**
 * A request to record telemetry (the write side of CQRS).
 *
 * <p>Commands carry plain Java values only, are validated and defensively copied on
 * construction, and are handled by the {@link CommandBus}. In CDI they are also plain event
 * payloads: {@code Event<RecordCounterCommand>.fire(cmd)}.
 *
 * @param <R> what handling the command returns ({@link Void} for fire-and-forget commands)
 */
public sealed interface Command<R> permits RecordCounterCommand, RecordGaugeCommand, RecordHistogramCommand,
    RecordMetricCommand, EmitLogCommand, StartSpanCommand, EndSpanCommand, AddSpanEventCommand,
    FlushTelemetryCommand {
}
