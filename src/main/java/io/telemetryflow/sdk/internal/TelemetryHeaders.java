package io.telemetryflow.sdk.internal;

import io.telemetryflow.sdk.domain.TelemetryConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** The TelemetryFlow headers of DESIGN §5, sent with every OTLP export (gRPC metadata or HTTP headers). */
public final class TelemetryHeaders {

    /** Header carrying the key id. */
    public static final String KEY_ID = "x-telemetryflow-key-id";
    /** Header carrying the key secret. */
    public static final String KEY_SECRET = "x-telemetryflow-key-secret";
    /** Header carrying the collector id, when set. */
    public static final String COLLECTOR_ID = "x-telemetryflow-collector-id";
    /** Header carrying the environment. */
    public static final String ENVIRONMENT = "x-telemetryflow-environment";
    /** Header carrying the API version ({@code v2}). */
    public static final String API_VERSION = "x-telemetryflow-api-version";
    /** Header carrying the collector name, when set (Go SDK). */
    public static final String COLLECTOR_NAME = "x-telemetryflow-collector-name";
    /** Header carrying the collector host name, when set (Go SDK). */
    public static final String COLLECTOR_HOSTNAME = "x-telemetryflow-collector-hostname";
    /** Header carrying the datacenter (Go SDK; {@code default} unless configured). */
    public static final String DATACENTER = "x-telemetryflow-datacenter";

    private TelemetryHeaders() {
    }

    /** The export headers for {@code config} (lower-case names, as gRPC metadata requires). */
    public static Map<String, String> forExport(TelemetryConfig config) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("authorization", config.credentials().authorizationHeader());
        headers.put(KEY_ID, config.credentials().keyId());
        headers.put(KEY_SECRET, config.credentials().keySecret());
        if (!config.collectorId().isEmpty()) {
            headers.put(COLLECTOR_ID, config.collectorId());
        }
        putIfSet(headers, COLLECTOR_NAME, config.collectorName());
        putIfSet(headers, COLLECTOR_HOSTNAME, config.collectorHostname());
        putIfSet(headers, DATACENTER, config.datacenter());
        putIfSet(headers, ENVIRONMENT, config.environment());
        if (config.apiV2()) {
            headers.put(API_VERSION, "v2");
        }
        return headers;
    }

    private static void putIfSet(Map<String, String> headers, String name, String value) {
        if (value != null && !value.isEmpty()) {
            headers.put(name, value);
        }
    }
}
