package io.telemetryflow.cdi;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Starts a real Weld SE container with SmallRye Config: {@code META-INF/microprofile-config.properties}
 * of the test class path, real system properties, and environment-style variables through
 * SmallRye's own {@link EnvConfigSource} (so MP Config's env-name mapping is what is tested).
 */
final class CdiTestSupport implements AutoCloseable {

    private final Map<String, String> previousSysProps = new HashMap<>();
    private final Config config;
    private final WeldContainer container;

    private CdiTestSupport(Map<String, String> sysProps, Map<String, String> env) {
        sysProps.forEach((k, v) -> previousSysProps.put(k, System.getProperty(k)));
        sysProps.forEach(System::setProperty);
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        try {
            resolver.releaseConfig(resolver.getConfig(cl));
        } catch (RuntimeException ignored) {
            // none registered yet
        }
        this.config = new SmallRyeConfigBuilder().forClassLoader(cl).addDefaultSources()
            .withSources(new EnvConfigSource(env, 300)).build();
        resolver.registerConfig(config, cl);
        WeldContainer started;
        try {
            started = new Weld("tf-" + UUID.randomUUID()).initialize();
        } catch (RuntimeException e) {
            restore();
            throw e;
        }
        this.container = started;
    }

    /** A container whose telemetry goes to {@code receiver} over gRPC, plus extra properties. */
    static CdiTestSupport start(OtlpReceiver receiver, Map<String, String> sysProps) {
        Map<String, String> props = new HashMap<>(sysProps);
        props.putIfAbsent("telemetryflow.endpoint", receiver.grpcEndpoint());
        return new CdiTestSupport(props, Map.of());
    }

    /** A container with the given system properties and environment-style variables. */
    static CdiTestSupport start(Map<String, String> sysProps, Map<String, String> env) {
        return new CdiTestSupport(sysProps, env);
    }

    WeldContainer container() {
        return container;
    }

    <T> T get(Class<T> type, java.lang.annotation.Annotation... qualifiers) {
        return container.select(type, qualifiers).get();
    }

    /** Shuts the container down (which flushes and stops the SDK) and restores the configuration. */
    @Override
    public void close() {
        try {
            if (container.isRunning()) {
                container.shutdown();
            }
        } finally {
            restore();
        }
    }

    private void restore() {
        ConfigProviderResolver.instance().releaseConfig(config);
        previousSysProps.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }
}
