package io.telemetryflow.sdk.infrastructure;

import io.telemetryflow.sdk.application.GetHealthQuery;
import io.telemetryflow.sdk.application.QueryBus;
import io.telemetryflow.sdk.domain.TelemetryConfig;

/** Wires the query handlers of a configuration into a {@link QueryBus}. */
final class QueryBuses {

    private QueryBuses() {
    }

    static QueryBus create(TelemetryConfig config, ExportHealth health) {
        QueryBus.Builder b = QueryBus.builder()
            .register(GetHealthQuery.class, q -> health.snapshot());
        return b.build();
    }
}
