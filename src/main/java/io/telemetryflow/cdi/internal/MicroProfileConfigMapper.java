package io.telemetryflow.cdi.internal;

import io.telemetryflow.sdk.domain.ConfigKey;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.sdk.domain.TelemetryConfigParser;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the {@link ConfigKey} set from MicroProfile Config: {@code microprofile-config.properties},
 * {@code application.properties}, system properties and environment variables (MP Config maps
 * {@code telemetryflow.api-key-id} to {@code TELEMETRYFLOW_API_KEY_ID} itself).
 */
public final class MicroProfileConfigMapper {

    private static final String ENV_ATTRIBUTES_PREFIX = ConfigKey.toEnvName(ConfigKey.ATTRIBUTES_PREFIX);

    private MicroProfileConfigMapper() {
    }

    /**
     * Builds the configuration.
     *
     * @throws io.telemetryflow.sdk.domain.TelemetryConfigException naming every invalid key
     */
    public static TelemetryConfig read(Config config) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : config.getPropertyNames()) {
            String key = null;
            if (name.startsWith(ConfigKey.ATTRIBUTES_PREFIX) && name.length() > ConfigKey.ATTRIBUTES_PREFIX.length()) {
                key = name.substring(ConfigKey.ATTRIBUTES_PREFIX.length());
            } else if (name.startsWith(ENV_ATTRIBUTES_PREFIX) && name.length() > ENV_ATTRIBUTES_PREFIX.length()) {
                key = name.substring(ENV_ATTRIBUTES_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            }
            if (key != null) {
                String k = key;
                config.getOptionalValue(name, String.class).ifPresent(v -> attributes.putIfAbsent(k, v));
            }
        }
        String fallbackServiceName = config.getOptionalValue("otel.service.name", String.class).orElse(null);
        return TelemetryConfigParser.parse(
            key -> config.getOptionalValue(key, String.class).orElse(null), attributes, fallbackServiceName);
    }
}
