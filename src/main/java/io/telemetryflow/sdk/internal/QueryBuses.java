package io.telemetryflow.sdk.internal;

import io.telemetryflow.sdk.application.GetHealthQuery;
import io.telemetryflow.sdk.application.QueryBus;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.sdk.internal.query.HttpQueryHandlers;

/**
 * Wires the query handlers of a configuration into a {@link QueryBus}: the local health query
 * always, the TelemetryFlow query API handlers when {@code telemetryflow.query.endpoint} is set.
 */
final class QueryBuses {

    private QueryBuses() {
    }

    static QueryBus create(TelemetryConfig config, ExportHealth health) {
        QueryBus.Builder b = QueryBus.builder()
            .register(GetHealthQuery.class, q -> health.snapshot());
        // Remote queries only where there is an API to ask; without one, asking names the missing key.
        if (config.queryEndpoint() != null) {
            HttpQueryHandlers.registerAll(b, config);
        }
        return b.build();
    }
}
