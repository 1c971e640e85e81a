package io.telemetryflow.cdi;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.telemetryflow.cdi.internal.CommandEvents;
import io.telemetryflow.cdi.internal.TelemetryBeans;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.CommandBus;
import io.telemetryflow.sdk.application.QueryBus;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.cdi.internal.health.ReadinessRegistration;
import io.telemetryflow.cdi.internal.health.HealthApi;
import io.telemetryflow.sdk.domain.TelemetryConfigException;
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
import java.util.Set;

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

    private final Set<Type> providedElsewhere = new HashSet<>();
    private volatile TelemetryClient client;
    /** Set at {@code BeforeShutdown}: from then on a refused start is the shut-down client's, not a failure. */
    private volatile boolean stopped;

    void collectOpenTelemetryBeans(@Observes ProcessBean<?> event) {
        if (event.getBean().getBeanClass() == TelemetryFlowExtension.class) {
            return;
        }
        boolean isDefault = event.getBean().getQualifiers().stream()
            .anyMatch(q -> q.annotationType() == Default.class);
        if (isDefault) {
            for (Class<?> type : TelemetryBeans.OPENTELEMETRY_TYPES) {
                if (event.getBean().getTypes().contains(type)) {
                    providedElsewhere.add(type);
                }
            }
        }
    }

    void registerBeansAndObservers(@Observes AfterBeanDiscovery abd) {
        try {
            this.client = TelemetryBeans.client();
        } catch (TelemetryConfigException e) {
            abd.addDefinitionError(new DeploymentException(e.getMessage()));
            return;
        }

        abd.addBean().beanClass(TelemetryFlowExtension.class).types(TelemetryClient.class, Object.class)
            .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Singleton.class)
            .createWith(cc -> started());
        abd.addBean().beanClass(TelemetryFlowExtension.class).types(CommandBus.class, Object.class)
            .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Singleton.class)
            .createWith(cc -> TelemetryBeans.commandBus(started()));
        abd.addBean().beanClass(TelemetryFlowExtension.class).types(QueryBus.class, Object.class)
            .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Singleton.class)
            .createWith(cc -> TelemetryBeans.queryBus(started()));
        for (Class<?> type : TelemetryBeans.OPENTELEMETRY_TYPES) {
            addOpenTelemetryBean(abd, type);
        }
        if (HealthApi.present()) {
            ReadinessRegistration.register(abd, TelemetryFlowExtension.class, this::started);
        }

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
            adv.addDeploymentProblem(new DeploymentException(e instanceof IllegalStateException && e.getCause() != null
                ? e.getMessage() : "TelemetryFlow SDK failed to start: " + TelemetryBeans.describeStartFailure(e)));
        }
    }

    void stopSdk(@Observes BeforeShutdown event) {
        stopped = true;
        TelemetryClient c = client;
        if (c != null && c.isInitialized()) {
            if (!c.shutdown()) {
                LOG.warning("TelemetryFlow: not all telemetry could be exported before shutdown; see health()");
            }
        }
    }

    private void addOpenTelemetryBean(AfterBeanDiscovery abd, Class<?> type) {
        abd.addBean().beanClass(TelemetryFlowExtension.class).types(type, Object.class)
            .qualifiers(TelemetryFlow.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Singleton.class)
            .createWith(cc -> TelemetryBeans.openTelemetryBean(started(), type));
        if (!providedElsewhere.contains(type)) {
            abd.addBean().beanClass(TelemetryFlowExtension.class).types(type, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Singleton.class)
                .createWith(cc -> TelemetryBeans.openTelemetryBean(started(), type));
        }
    }

    /** The client, initialized on first use (idempotent). */
    private TelemetryClient started() {
        TelemetryClient c = client;
        if (c != null && !c.isInitialized()) {
            synchronized (this) {
                if (!c.isInitialized()) {
                    try {
                        TelemetryBeans.start(c);
                    } catch (IllegalStateException failed) {
                        if (!stopped) {
                            throw failed; // a start that failed (class-loading conflict, old OpenTelemetry): its fix named
                        }
                        // after BeforeShutdown: keep answering with the shut-down (no-op) client
                    }
                }
            }
        }
        return c;
    }
}
