package io.telemetryflow.sdk.application;

/**
 * Handles one command type.
 *
 * @param <C> the command type
 * @param <R> the result type
 */
@FunctionalInterface
public interface CommandHandler<C extends Command<R>, R> {

    /** Handles {@code command}; implementations never block on export. */
    R handle(C command);
}
