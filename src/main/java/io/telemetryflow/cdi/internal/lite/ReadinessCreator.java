package io.telemetryflow.cdi.internal.lite;

import io.telemetryflow.cdi.internal.health.TelemetryFlowReadinessCheck;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;

/** Creates the readiness check (registered only where MicroProfile Health is present). */
public final class ReadinessCreator implements SyntheticBeanCreator<TelemetryFlowReadinessCheck> {

    @Override
    public TelemetryFlowReadinessCheck create(Instance<Object> lookup, Parameters params) {
        return new TelemetryFlowReadinessCheck();
    }
}
