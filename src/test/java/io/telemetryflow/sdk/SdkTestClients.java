package io.telemetryflow.sdk;

import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.time.Duration;

/** Builders of clients pointed at an {@link OtlpReceiver}, shared by the core SDK tests. */
public final class SdkTestClients {

    /** The key id every test client uses. */
    public static final String KEY_ID = "tfk_test_key";
    /** The key secret every test client uses. */
    public static final String KEY_SECRET = "tfs_test_secret_value";
    /** Upper bound of every wait at the receiver. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private SdkTestClients() {
    }

    /**
     * A builder with the standard test identity (service orders 2.1.0 in namespace shop, environment
     * test, collector col-1, attribute team=payments) and a 200 ms batch delay, pointed at
     * {@code receiver} over {@code protocol}.
     */
    public static TelemetryClientBuilder builder(OtlpReceiver receiver, Protocol protocol) {
        TelemetryClientBuilder b = TelemetryClient.builder()
            .apiKey(KEY_ID, KEY_SECRET)
            .insecure(true)
            .service("orders", "2.1.0")
            .serviceNamespace("shop")
            .environment("test")
            .collectorId("col-1")
            .attribute("team", "payments")
            .batch(Duration.ofMillis(200), 512);
        return protocol == Protocol.HTTP
            ? b.http().endpoint(receiver.httpEndpoint())
            : b.grpc().endpoint(receiver.grpcEndpoint());
    }

    /** A gRPC client with the standard test identity, initialized. */
    public static TelemetryClient grpcClient(OtlpReceiver receiver) {
        return builder(receiver, Protocol.GRPC).build().initialize();
    }
}
