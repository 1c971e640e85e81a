package io.telemetryflow.cdi.internal.lite;

import io.telemetryflow.cdi.internal.TelemetryBeans;
import io.telemetryflow.sdk.TelemetryClient;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;

/** Creates the {@link TelemetryClient} from MicroProfile Config read at run time, and starts it. */
public final class ClientCreator implements SyntheticBeanCreator<TelemetryClient> {

    @Override
    public TelemetryClient create(Instance<Object> lookup, Parameters params) {
        return TelemetryBeans.start(TelemetryBeans.client());
    }
}
