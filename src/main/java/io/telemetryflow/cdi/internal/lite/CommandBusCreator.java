package io.telemetryflow.cdi.internal.lite;

import io.telemetryflow.cdi.internal.TelemetryBeans;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.CommandBus;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;

/** Exposes the client's command bus (an empty bus when telemetry is disabled). */
public final class CommandBusCreator implements SyntheticBeanCreator<CommandBus> {

    @Override
    public CommandBus create(Instance<Object> lookup, Parameters params) {
        return TelemetryBeans.commandBus(lookup.select(TelemetryClient.class).get());
    }
}
