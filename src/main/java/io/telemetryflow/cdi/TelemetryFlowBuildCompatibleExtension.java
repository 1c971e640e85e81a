package io.telemetryflow.cdi;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.telemetryflow.cdi.internal.CommandEvents;
import io.telemetryflow.cdi.internal.TelemetryBeans;
import io.telemetryflow.cdi.internal.lite.ClientCreator;
import io.telemetryflow.cdi.internal.lite.ClientDisposer;
import io.telemetryflow.cdi.internal.lite.CommandBusCreator;
import io.telemetryflow.cdi.internal.lite.CommandObserver;
import io.telemetryflow.cdi.internal.lite.OpenTelemetryCreator;
import io.telemetryflow.cdi.internal.lite.QueryBusCreator;
import io.telemetryflow.cdi.internal.health.ReadinessRegistration;
import io.telemetryflow.cdi.internal.health.HealthApi;
import io.telemetryflow.cdi.internal.lite.StartupObserver;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.CommandBus;
import io.telemetryflow.sdk.application.QueryBus;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.build.compatible.spi.BeanInfo;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.Registration;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.lang.model.types.Type;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Set;

/**
 * The CDI Lite build-compatible extension, for Quarkus ArC (which does not run portable
 * extensions). Same beans, observers and life cycle as {@link TelemetryFlowExtension}.
 *
 * <p>It runs at build time in Quarkus, so it reads no configuration itself: the synthetic bean
 * creators read MicroProfile Config when the application starts, and a {@code Startup}
 * observer creates the client eagerly so an invalid configuration stops the application with
 * the message naming the bad keys. Weld runs the portable extension only (this one is skipped).
 */
@SkipIfPortableExtensionPresent(TelemetryFlowExtension.class)
public class TelemetryFlowBuildCompatibleExtension implements BuildCompatibleExtension {

    private final Set<String> providedElsewhere = new HashSet<>();

    /** Notes which OpenTelemetry types the application (or another extension) already provides unqualified. */
    @Registration(types = {OpenTelemetry.class, Tracer.class, Meter.class, Logger.class})
    public void collectOpenTelemetryBeans(BeanInfo bean) {
        if (bean.qualifiers().stream().noneMatch(q -> q.name().equals(Default.class.getName()))) {
            return;
        }
        for (Type type : bean.types()) {
            for (Class<?> otel : TelemetryBeans.OPENTELEMETRY_TYPES) {
                if (type.isClass() && type.asClass().declaration().name().equals(otel.getName())) {
                    providedElsewhere.add(otel.getName());
                }
            }
        }
    }

    /** Adds the beans and the command observers. */
    @Synthesis
    public void synthesize(SyntheticComponents syn) {
        syn.addBean(TelemetryClient.class).type(TelemetryClient.class).scope(Singleton.class)
            .createWith(ClientCreator.class).disposeWith(ClientDisposer.class);
        syn.addBean(CommandBus.class).type(CommandBus.class).scope(Singleton.class).createWith(CommandBusCreator.class);
        syn.addBean(QueryBus.class).type(QueryBus.class).scope(Singleton.class).createWith(QueryBusCreator.class);
        for (Class<?> type : TelemetryBeans.OPENTELEMETRY_TYPES) {
            addOpenTelemetryBean(syn, type, true);
            if (!providedElsewhere.contains(type.getName())) {
                addOpenTelemetryBean(syn, type, false);
            }
        }
        for (Class<?> type : CommandEvents.TYPES) {
            addCommandObserver(syn, type, false);
            addCommandObserver(syn, type, true);
        }
        syn.addObserver(Startup.class).observeWith(StartupObserver.class);
        if (HealthApi.present()) {
            ReadinessRegistration.register(syn);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addCommandObserver(SyntheticComponents syn, Class<?> type, boolean async) {
        syn.addObserver((Class) type).async(async).observeWith((Class) CommandObserver.class);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addOpenTelemetryBean(SyntheticComponents syn, Class<?> type, boolean qualified) {
        var b = syn.addBean((Class) type).type(type).scope(Singleton.class)
            .withParam(OpenTelemetryCreator.TYPE_PARAM, type.getName())
            .createWith(OpenTelemetryCreator.class);
        if (qualified) {
            b.qualifier(TelemetryFlow.class);
        }
    }
}
