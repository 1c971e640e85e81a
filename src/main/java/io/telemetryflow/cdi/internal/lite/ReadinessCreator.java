package io.telemetryflow.cdi.internal.lite;

import io.telemetryflow.cdi.internal.health.TelemetryFlowReadinessCheck;
import io.telemetryflow.sdk.TelemetryClient;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;

/** Creates the readiness check (registered only where MicroProfile Health is present). */
public final class ReadinessCreator implements SyntheticBeanCreator<TelemetryFlowReadinessCheck> {

    @Override
    public TelemetryFlowReadinessCheck create(Instance<Object> lookup, Parameters params) {
        TelemetryClient client = lookup.select(TelemetryClient.class).get(); // the bean's proxy-free singleton
        return new TelemetryFlowReadinessCheck(() -> client);
    }
}
