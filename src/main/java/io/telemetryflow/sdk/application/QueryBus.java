package io.telemetryflow.sdk.application;

import java.util.HashMap;
import java.util.Map;

/** Routes each query to the handler registered for its exact type. Immutable once built. */
public final class QueryBus {

    private final Map<Class<?>, QueryHandler<?, ?>> handlers;

    private QueryBus(Map<Class<?>, QueryHandler<?, ?>> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /** A builder to register one handler per query type. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends {@code query} to its handler.
     *
     * @throws IllegalStateException if no handler is registered for the query's type
     */
    @SuppressWarnings("unchecked")
    public <R> R ask(Query<R> query) {
        QueryHandler<Query<R>, R> handler = (QueryHandler<Query<R>, R>) handlers.get(query.getClass());
        if (handler == null) {
            throw new IllegalStateException("No handler registered for query type " + query.getClass().getSimpleName()
                + (handlers.size() <= 1 ? " (is telemetryflow.query.endpoint configured?)" : ""));
        }
        return handler.handle(query);
    }

    /** Whether a handler is registered for {@code type}. */
    public boolean handles(Class<?> type) {
        return handlers.containsKey(type);
    }

    /** Registers handlers. */
    public static final class Builder {
        private final Map<Class<?>, QueryHandler<?, ?>> handlers = new HashMap<>();

        private Builder() {
        }

        /** Registers {@code handler} for {@code type}, replacing any earlier one. */
        public <Q extends Query<R>, R> Builder register(Class<Q> type, QueryHandler<Q, R> handler) {
            handlers.put(type, handler);
            return this;
        }

        /** The immutable bus. */
        public QueryBus build() {
            return new QueryBus(handlers);
        }
    }
}
