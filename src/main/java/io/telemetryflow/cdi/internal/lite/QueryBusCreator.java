package io.telemetryflow.cdi.internal.lite;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.QueryBus;
import io.telemetryflow.sdk.internal.ClientInternals;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;

/** Exposes the client's query bus (an empty bus when telemetry is disabled). */
public final class QueryBusCreator implements SyntheticBeanCreator<QueryBus> {

    @Override
    public QueryBus create(Instance<Object> lookup, Parameters params) {
        TelemetryRuntime rt = ClientInternals.runtime(lookup.select(TelemetryClient.class).get());
        return rt == null ? QueryBus.builder().build() : rt.queryBus();
    }
}
