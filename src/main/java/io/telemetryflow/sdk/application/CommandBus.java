package io.telemetryflow.sdk.application;

import java.util.HashMap;
import java.util.Map;

/**
 * Routes each command to the handler registered for its exact type.
 *
 * <p>Immutable once built; routing is one map lookup, cheap enough for the record hot path.
 */
public final class CommandBus {

    private final Map<Class<?>, CommandHandler<?, ?>> handlers;

    private CommandBus(Map<Class<?>, CommandHandler<?, ?>> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /** A builder to register one handler per command type. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Dispatches {@code command} to its handler.
     *
     * @throws IllegalStateException if no handler is registered for the command's type
     * @throws NullPointerException if {@code command} is null
     */
    @SuppressWarnings("unchecked")
    public <R> R dispatch(Command<R> command) {
        CommandHandler<Command<R>, R> handler = (CommandHandler<Command<R>, R>) handlers.get(command.getClass());
        if (handler == null) {
            throw new IllegalStateException("No handler registered for command type "
                + command.getClass().getSimpleName());
        }
        return handler.handle(command);
    }

    /** Whether a handler is registered for {@code type}. */
    public boolean handles(Class<?> type) {
        return handlers.containsKey(type);
    }

    /** Registers handlers. */
    public static final class Builder {
        private final Map<Class<?>, CommandHandler<?, ?>> handlers = new HashMap<>();

        private Builder() {
        }

        /** Registers {@code handler} for {@code type}, replacing any earlier one. */
        public <C extends Command<R>, R> Builder register(Class<C> type, CommandHandler<C, R> handler) {
            handlers.put(type, handler);
            return this;
        }

        /** The immutable bus. */
        public CommandBus build() {
            return new CommandBus(handlers);
        }
    }
}
