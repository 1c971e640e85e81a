package io.telemetryflow.cdi.internal.health;

import io.telemetryflow.cdi.internal.lite.ReadinessCreator;
import io.telemetryflow.sdk.TelemetryClient;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.inject.Singleton;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Registers {@link TelemetryFlowReadinessCheck} as a {@code @Readiness HealthCheck} bean, for both CDI
 * extensions. Only called once {@link HealthApi#present()} said yes: this class
 * names the MicroProfile Health API, so the extensions themselves never do.
 */
public final class ReadinessRegistration {

    private ReadinessRegistration() {
    }

    /** The portable extension's way (Weld, Payara, WildFly): {@code client} is the extension's started client. */
    public static void register(AfterBeanDiscovery abd, Class<?> beanClass, Supplier<TelemetryClient> client) {
        abd.addBean().beanClass(beanClass).types(HealthCheck.class, Object.class)
            .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Singleton.class)
            .createWith(cc -> new TelemetryFlowReadinessCheck(client));
    }

    /** The build-compatible extension's way (Quarkus). */
    public static void register(SyntheticComponents syn) {
        syn.addBean(TelemetryFlowReadinessCheck.class).type(HealthCheck.class).qualifier(Readiness.class)
            .scope(Singleton.class).createWith(ReadinessCreator.class);
    }
}
