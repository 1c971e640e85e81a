package io.telemetryflow.cdi.internal.lite;

import io.telemetryflow.cdi.internal.TelemetryBeans;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.QueryBus;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;

/** Exposes the client's query bus (an empty bus when telemetry is disabled). */
public final class QueryBusCreator implements SyntheticBeanCreator<QueryBus> {

    @Override
    public QueryBus create(Instance<Object> lookup, Parameters params) {
        return TelemetryBeans.queryBus(lookup.select(TelemetryClient.class).get());
    }
}
