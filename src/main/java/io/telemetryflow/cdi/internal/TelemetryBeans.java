package io.telemetryflow.cdi.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.CommandBus;
import io.telemetryflow.sdk.application.QueryBus;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.sdk.internal.ClientInternals;
import io.telemetryflow.sdk.internal.SdkVersion;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What both CDI extensions (portable for Weld, build-compatible for Quarkus) register, written
 * once: the client built from MicroProfile Config, the buses, the OpenTelemetry beans and the
 * message of a failed start.
 */
public final class TelemetryBeans {

    /**
     * The OpenTelemetry types offered as beans ({@code @TelemetryFlow}, and unqualified unless provided
     * elsewhere). None in the isolated build: its OpenTelemetry types are the SDK's private, relocated
     * copies, which no application code is compiled against (the server's MicroProfile Telemetry
     * offers the real ones).
     */
    public static final List<Class<?>> OPENTELEMETRY_TYPES = SdkVersion.ISOLATED ? List.of()
        : List.of(OpenTelemetry.class, Tracer.class, Meter.class, Logger.class);

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("io.telemetryflow.cdi");

    private TelemetryBeans() {
    }

    /**
     * A client for the application's MicroProfile Config (not yet started).
     *
     * @throws io.telemetryflow.sdk.domain.TelemetryConfigException naming every bad key
     */
    public static TelemetryClient client() {
        TelemetryConfig config;
        try {
            config = MicroProfileConfigMapper.read(ConfigProvider.getConfig());
        } catch (io.telemetryflow.sdk.domain.TelemetryConfigException e) {
            // Said first, in our words: the runtime then wraps it in its own start failure (Quarkus: "Failed to
            // start quarkus", Weld: an exception list), which buries the problems among its lines.
            LOG.severe(e.getMessage());
            throw e;
        }
        return TelemetryClient.create(config);
    }

    /**
     * Starts {@code client}; a failure becomes an {@link IllegalStateException} whose message names
     * the cause and, for a class-loading conflict, the fix.
     */
    public static TelemetryClient start(TelemetryClient client) {
        try {
            return client.initialize();
        } catch (LinkageError e) {
            throw new IllegalStateException("TelemetryFlow SDK failed to start: " + describeStartFailure(e), e);
        }
    }

    /**
     * The start failure in one line. A {@link LinkageError} (e.g. {@code NoSuchMethodError}) means the
     * application sees OpenTelemetry classes of two versions: the server's own and the SDK's.
     */
    public static String describeStartFailure(Throwable e) {
        if (e instanceof LinkageError) {
            return e + " -- the application sees the server's own OpenTelemetry classes mixed with the SDK's: "
                + "depend on io.telemetryflow:telemetryflow-java-sdk-isolated instead of telemetryflow-java-sdk "
                + "(its OpenTelemetry is private to it), or make the server load the application's libraries first "
                + "(Payara: <class-loader delegate=\"false\"/> in WEB-INF/payara-web.xml; WildFly: exclude the "
                + "opentelemetry and microprofile-telemetry subsystems in WEB-INF/jboss-deployment-structure.xml)";
        }
        return e.getMessage();
    }

    /** The client's command bus, or an empty one when telemetry is disabled. */
    public static CommandBus commandBus(TelemetryClient client) {
        TelemetryRuntime rt = ClientInternals.runtime(client);
        return rt == null ? CommandBus.builder().build() : rt.commandBus();
    }

    /** The client's query bus, or an empty one when telemetry is disabled. */
    public static QueryBus queryBus(TelemetryClient client) {
        TelemetryRuntime rt = ClientInternals.runtime(client);
        return rt == null ? QueryBus.builder().build() : rt.queryBus();
    }

    /** The bean of one of {@link #OPENTELEMETRY_TYPES} from the client's SDK (no-op when disabled). */
    public static Object openTelemetryBean(TelemetryClient client, Class<?> type) {
        OpenTelemetry otel = client.openTelemetry();
        if (type == Tracer.class) {
            return otel.getTracer(TelemetryRuntime.SCOPE);
        }
        if (type == Meter.class) {
            return otel.getMeter(TelemetryRuntime.SCOPE);
        }
        if (type == Logger.class) {
            return otel.getLogsBridge().get(TelemetryRuntime.SCOPE);
        }
        return otel;
    }
}
