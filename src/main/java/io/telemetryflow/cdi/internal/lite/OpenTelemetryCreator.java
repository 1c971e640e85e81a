package io.telemetryflow.cdi.internal.lite;

import io.telemetryflow.cdi.internal.TelemetryBeans;
import io.telemetryflow.sdk.TelemetryClient;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;

/** Creates the OpenTelemetry bean named by the {@link #TYPE_PARAM} parameter from the client's SDK. */
public final class OpenTelemetryCreator implements SyntheticBeanCreator<Object> {

    /** Parameter holding the class name of the OpenTelemetry type to create. */
    public static final String TYPE_PARAM = "type";

    @Override
    public Object create(Instance<Object> lookup, Parameters params) {
        String type = params.get(TYPE_PARAM, String.class);
        Class<?> otelType = TelemetryBeans.OPENTELEMETRY_TYPES.stream().filter(t -> t.getName().equals(type))
            .findFirst().orElseThrow(() -> new IllegalArgumentException("not an OpenTelemetry bean type: " + type));
        return TelemetryBeans.openTelemetryBean(lookup.select(TelemetryClient.class).get(), otelType);
    }
}
