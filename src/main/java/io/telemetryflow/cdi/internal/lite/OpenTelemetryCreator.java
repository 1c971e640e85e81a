package io.telemetryflow.cdi.internal.lite;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;

/** Creates the OpenTelemetry bean named by the {@link #TYPE_PARAM} parameter from the client's SDK. */
public final class OpenTelemetryCreator implements SyntheticBeanCreator<Object> {

    /** Parameter holding the class name of the OpenTelemetry type to create. */
    public static final String TYPE_PARAM = "type";

    @Override
    public Object create(Instance<Object> lookup, Parameters params) {
        OpenTelemetry otel = lookup.select(TelemetryClient.class).get().openTelemetry();
        String type = params.get(TYPE_PARAM, String.class);
        if (Tracer.class.getName().equals(type)) {
            return otel.getTracer(TelemetryRuntime.SCOPE);
        }
        if (Meter.class.getName().equals(type)) {
            return otel.getMeter(TelemetryRuntime.SCOPE);
        }
        if (Logger.class.getName().equals(type)) {
            return otel.getLogsBridge().get(TelemetryRuntime.SCOPE);
        }
        return otel;
    }
}
