package io.telemetryflow.bench;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * What every benchmark shares: the one configuration (the client's defaults of DESIGN §4, pointed
 * at a local {@code OtlpReceiver}), and the attribute sets of the measured calls.
 */
public final class Bench {

    static final String KEY_ID = "tfk_bench";
    static final String KEY_SECRET = "tfs_bench_secret";
    static final String SERVICE = "telemetryflow-bench";
    static final String SERVICE_VERSION = "1.0.0";
    static final String NAMESPACE = "telemetryflow";
    static final String ENVIRONMENT = "production";

    // The library's defaults (TelemetryConfig): the raw SDK floor is built with the same values.
    static final Duration BATCH_DELAY = Duration.ofSeconds(10);
    static final int BATCH_MAX_SIZE = 512;
    static final int MAX_QUEUE_SIZE = 2048;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_RETRIES = 3;
    static final Duration RETRY_BACKOFF = Duration.ofSeconds(5);
    /** {@code telemetryflow.limits.attribute-length}'s default: the client bounds every attribute value, so the floor does too. */
    static final int ATTRIBUTE_VALUE_LENGTH = 8192;

    /** The "small attribute map" of the client calls (two string attributes). */
    public static final Map<String, Object> MAP = Map.of("http.route", "/orders/{id}", "region", "eu-west-1");

    /** The same attributes, built once (the raw floor's "pre-built Attributes"). */
    public static final Attributes PREBUILT = fromMap(MAP);

    /** What {@code @Traced}/{@code @Counted} put on every call: {@code code.function.name}. */
    static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey("code.function.name");

    private Bench() {
    }

    /** A hand-written Map → Attributes conversion, as a raw OpenTelemetry user would write it. */
    public static Attributes fromMap(Map<String, Object> map) {
        AttributesBuilder b = Attributes.builder();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            b.put(e.getKey(), String.valueOf(e.getValue()));
        }
        return b.build();
    }

    /** The TelemetryFlow export headers (DESIGN §5), as the client sends them. */
    static Map<String, String> exportHeaders() {
        return Map.of(
            "authorization", "Bearer " + KEY_ID + ":" + KEY_SECRET,
            "x-telemetryflow-key-id", KEY_ID,
            "x-telemetryflow-key-secret", KEY_SECRET,
            "x-telemetryflow-environment", ENVIRONMENT,
            "x-telemetryflow-api-version", "v2");
    }

    /**
     * The pipeline both sides of the micro benchmarks export through ({@code -jvmArgsAppend -Dbench.pipeline=...}):
     * {@code grpc} (default: the client's defaults; the raw SDK then uses OpenTelemetry's OkHttp sender, which
     * stalls per batch and drops most spans, while ours delivers them), {@code http} (uncompressed, the JDK
     * sender on both sides) or {@code discard} (both sides' batch processors export into {@link DiscardingExporters}:
     * no export takes the cores, the fair floor for the span and interceptor ratios).
     */
    static final String PIPELINE = System.getProperty("bench.pipeline", "grpc");
    static final boolean HTTP_PIPELINE = PIPELINE.equals("http");
    static final boolean DISCARD_PIPELINE = PIPELINE.equals("discard");

    /** Sets a JVM property read by the SDK's MicroProfile Config at container start. */
    static void setProperty(String key, String value) {
        System.setProperty(key, value);
    }
}
