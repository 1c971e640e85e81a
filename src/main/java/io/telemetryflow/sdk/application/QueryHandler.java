package io.telemetryflow.sdk.application;

/**
 * Answers one query type.
 *
 * @param <Q> the query type
 * @param <R> the result type
 */
@FunctionalInterface
public interface QueryHandler<Q extends Query<R>, R> {

    /** Answers {@code query}. */
    R handle(Q query);
}
