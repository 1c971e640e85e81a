package io.telemetryflow.cdi;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.telemetryflow.cdi.internal.CommandEvents;
import io.telemetryflow.cdi.internal.MicroProfileConfigMapper;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.CommandBus;
import io.telemetryflow.sdk.application.QueryBus;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.sdk.domain.TelemetryConfigException;
import io.telemetryflow.sdk.internal.ClientInternals;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.inject.Singleton;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The CDI portable extension for Weld-based runtimes (Weld SE, Payara, WildFly, Open Liberty).
 *
 * <ul>
 *   <li>builds {@link TelemetryConfig} from MicroProfile Config; an invalid configuration is a
 *       definition error (the application does not start) naming every bad key, never the secret;</li>
 *   <li>adds the beans {@link TelemetryClient}, {@link CommandBus}, {@link QueryBus} and the
 *       OpenTelemetry {@code OpenTelemetry}, {@code Tracer}, {@code Meter}, {@code Logger}
 *       ({@link TelemetryFlow @TelemetryFlow}-qualified, and unqualified unless another bean
 *       already provides the type);</li>
 *   <li>registers a synchronous and an asynchronous observer for every command type, so
 *       {@code Event<RecordCounterCommand>.fire(cmd)} and {@code fireAsync(cmd)} record telemetry;</li>
 *   <li>starts the SDK once deployment is valid and flushes then shuts it down before the
 *       container stops.</li>
 * </ul>
 */
public class TelemetryFlowExtension implements Extension {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(TelemetryFlowExtension.class.getName());
    private static final List<Class<?>> OTEL_TYPES = List.of(OpenTelemetry.class, Tracer.class, Meter.class, Logger.class);

    private final Set<Type> providedElsewhere = new HashSet<>();
    private volatile TelemetryClient client;

    void collectOpenTelemetryBeans(@Observes ProcessBean<?> event) {
        if (event.getBean().getBeanClass() == TelemetryFlowExtension.class) {
            return;
        }
        boolean isDefault = event.getBean().getQualifiers().stream()
            .anyMatch(q -> q.annotationType() == Default.class);
        if (isDefault) {
            for (Class<?> type : OTEL_TYPES) {
                if (event.getBean().getTypes().contains(type)) {
                    providedElsewhere.add(type);
                }
            }
        }
    }

    void registerBeansAndObservers(@Observes AfterBeanDiscovery abd) {
        TelemetryConfig config;
        try {
            config = MicroProfileConfigMapper.read(ConfigProvider.getConfig());
        } catch (TelemetryConfigException e) {
            abd.addDefinitionError(new DeploymentException(e.getMessage()));
            return;
        }
        TelemetryClient created = TelemetryClient.create(config);
        this.client = created;

        abd.addBean().beanClass(TelemetryFlowExtension.class).types(TelemetryClient.class, Object.class)
            .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Singleton.class)
            .createWith(cc -> started());
        abd.addBean().beanClass(TelemetryFlowExtension.class).types(CommandBus.class, Object.class)
            .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Singleton.class)
            .createWith(cc -> fromRuntime(TelemetryRuntime::commandBus, CommandBus.builder().build()));
        abd.addBean().beanClass(TelemetryFlowExtension.class).types(QueryBus.class, Object.class)
            .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Singleton.class)
            .createWith(cc -> fromRuntime(TelemetryRuntime::queryBus, QueryBus.builder().build()));
        addOpenTelemetryBean(abd, OpenTelemetry.class, c -> c.openTelemetry());
        addOpenTelemetryBean(abd, Tracer.class, c -> c.openTelemetry().getTracer(TelemetryRuntime.SCOPE));
        addOpenTelemetryBean(abd, Meter.class, c -> c.openTelemetry().getMeter(TelemetryRuntime.SCOPE));
        addOpenTelemetryBean(abd, Logger.class, c -> c.openTelemetry().getLogsBridge().get(TelemetryRuntime.SCOPE));

        for (Class<?> type : CommandEvents.TYPES) {
            abd.addObserverMethod().beanClass(TelemetryFlowExtension.class).observedType(type)
                .notifyWith(ctx -> CommandEvents.deliver(started(), ctx.getEvent()));
            abd.addObserverMethod().beanClass(TelemetryFlowExtension.class).observedType(type).async(true)
                .notifyWith(ctx -> CommandEvents.deliver(started(), ctx.getEvent()));
        }
    }

    void startSdk(@Observes AfterDeploymentValidation adv) {
        if (client == null) {
            return;
        }
        try {
            started();
        } catch (RuntimeException | LinkageError e) {
            adv.addDeploymentProblem(new DeploymentException("TelemetryFlow SDK failed to start: " + describe(e)));
        }
    }

    /**
     * The start failure in one line. A {@link LinkageError} (e.g. {@code NoSuchMethodError}) means the
     * application sees OpenTelemetry classes of two versions: the server's own and the SDK's.
     */
    private static String describe(Throwable e) {
        if (e instanceof LinkageError) {
            return e + " -- the application sees the server's own OpenTelemetry classes mixed with the SDK's: "
                + "make the server load the application's libraries first (Payara: <class-loader delegate=\"false\"/> "
                + "in WEB-INF/payara-web.xml; WildFly: exclude the opentelemetry and microprofile-telemetry "
                + "subsystems in WEB-INF/jboss-deployment-structure.xml)";
        }
        return e.getMessage();
    }

    void stopSdk(@Observes BeforeShutdown event) {
        TelemetryClient c = client;
        if (c != null && c.isInitialized()) {
            if (!c.shutdown()) {
                LOG.warning("TelemetryFlow: not all telemetry could be exported before shutdown; see health()");
            }
        }
    }

    private <T> void addOpenTelemetryBean(AfterBeanDiscovery abd, Class<T> type, Function<TelemetryClient, T> create) {
        abd.addBean().beanClass(TelemetryFlowExtension.class).types(type, Object.class)
            .qualifiers(TelemetryFlow.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Singleton.class)
            .createWith(cc -> create.apply(started()));
        if (!providedElsewhere.contains(type)) {
            abd.addBean().beanClass(TelemetryFlowExtension.class).types(type, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Singleton.class)
                .createWith(cc -> create.apply(started()));
        }
    }

    private <T> T fromRuntime(Function<TelemetryRuntime, T> get, T whenDisabled) {
        TelemetryRuntime rt = ClientInternals.runtime(started());
        return rt == null ? whenDisabled : get.apply(rt);
    }

    /** The client, initialized on first use (idempotent). */
    private TelemetryClient started() {
        TelemetryClient c = client;
        if (c != null && !c.isInitialized()) {
            synchronized (this) {
                if (!c.isInitialized()) {
                    try {
                        c.initialize();
                    } catch (IllegalStateException shutDown) {
                        // after BeforeShutdown: keep answering with the shut-down (no-op) client
                    }
                }
            }
        }
        return c;
    }
}
