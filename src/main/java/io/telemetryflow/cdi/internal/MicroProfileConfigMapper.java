package io.telemetryflow.cdi.internal;

import io.telemetryflow.sdk.domain.ConfigKey;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.sdk.domain.TelemetryConfigParser;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the {@link ConfigKey} set from MicroProfile Config: {@code microprofile-config.properties},
 * {@code application.properties}, system properties and environment variables (MP Config maps
 * {@code telemetryflow.api-key-id} to {@code TELEMETRYFLOW_API_KEY_ID} itself).
 */
public final class MicroProfileConfigMapper {

    private MicroProfileConfigMapper() {
    }

    /**
     * Builds the configuration.
     *
     * @throws io.telemetryflow.sdk.domain.TelemetryConfigException naming every invalid key
     */
    public static TelemetryConfig read(Config config) {
        String fallbackServiceName = config.getOptionalValue("otel.service.name", String.class).orElse(null);
        return TelemetryConfigParser.parseProperties(
            key -> config.getOptionalValue(key, String.class).orElse(null), config.getPropertyNames(), fallbackServiceName);
    }
}
