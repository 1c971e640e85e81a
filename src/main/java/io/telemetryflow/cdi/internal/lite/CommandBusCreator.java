package io.telemetryflow.cdi.internal.lite;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.CommandBus;
import io.telemetryflow.sdk.internal.ClientInternals;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;

/** Exposes the client's command bus (an empty bus when telemetry is disabled). */
public final class CommandBusCreator implements SyntheticBeanCreator<CommandBus> {

    @Override
    public CommandBus create(Instance<Object> lookup, Parameters params) {
        TelemetryRuntime rt = ClientInternals.runtime(lookup.select(TelemetryClient.class).get());
        return rt == null ? CommandBus.builder().build() : rt.commandBus();
    }
}
