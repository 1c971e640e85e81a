package io.telemetryflow.cdi.internal.lite;

import io.telemetryflow.cdi.internal.MicroProfileConfigMapper;
import io.telemetryflow.sdk.TelemetryClient;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;
import org.eclipse.microprofile.config.ConfigProvider;

/** Creates the {@link TelemetryClient} from MicroProfile Config read at run time, and starts it. */
public final class ClientCreator implements SyntheticBeanCreator<TelemetryClient> {

    @Override
    public TelemetryClient create(Instance<Object> lookup, Parameters params) {
        return TelemetryClient.create(MicroProfileConfigMapper.read(ConfigProvider.getConfig())).initialize();
    }
}
