package io.telemetryflow.sdk.application;

/**
 * A request to read telemetry (the read side of CQRS), handled by the {@link QueryBus}.
 *
 * @param <R> the result type
 */
public interface Query<R> {
}
