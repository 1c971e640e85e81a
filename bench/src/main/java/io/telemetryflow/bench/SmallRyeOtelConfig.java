package io.telemetryflow.bench;

import io.smallrye.opentelemetry.api.OpenTelemetryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The {@code otel.*} properties of SmallRye OpenTelemetry's SDK (autoconfigure). A server
 * (Quarkus, WildFly) provides this bean from its MicroProfile Config; on plain Weld SE the
 * application does. Set by {@link CdiState} to the same pipeline as the client's: OTLP/gRPC to the
 * same receiver, same headers, gzip, timeout, batch span processor sizes and delay.
 */
@ApplicationScoped
public class SmallRyeOtelConfig implements OpenTelemetryConfig {

    static volatile Map<String, String> properties = Map.of();

    @Override
    public Map<String, String> properties() {
        return properties;
    }
}
