package io.telemetryflow.sdk.reliability;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.TelemetryClientBuilder;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.testing.SecretLeakExtension;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Predicate;

/** Shared settings and helpers of the reliability tests. */
public final class Reliability {

    static final String KEY_ID = "tfk_reliability_key";
    /** The secret of every reliability test client; must never appear in log output, health or messages. */
    static final String SECRET = "tfs_reliability_secret_Q7x9Lm2";
    /** Upper bound of every wait for data at the receiver. */
    static final Duration WAIT = Duration.ofSeconds(20);

    static {
        SecretLeakExtension.registerSecret(SECRET);
    }

    private Reliability() {
    }

    /** A loopback port nobody listens on (bound and closed again): the backend of an outage. */
    static int deadPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A plaintext client for {@code 127.0.0.1:port} with the reliability identity. */
    static TelemetryClientBuilder builder(Protocol protocol, int port) {
        return TelemetryClient.builder()
            .apiKey(KEY_ID, SECRET)
            .insecure(true)
            .service("reliability", "1.0.0")
            .environment("test")
            .protocol(protocol)
            .endpoint("http://127.0.0.1:" + port);
    }

    /** A client for {@code receiver} on the port of {@code protocol}. */
    static TelemetryClientBuilder builder(Protocol protocol, OtlpReceiver receiver) {
        return builder(protocol, protocol == Protocol.GRPC ? receiver.grpcPort() : receiver.httpPort());
    }

    /** The counters of one signal. */
    static SignalHealth signal(TelemetryClient client, SignalType signal) {
        return client.health().signals().get(signal);
    }

    /** Polls {@code client.health()} until {@code condition} holds, failing after {@code timeout}. */
    public static HealthStatus awaitHealth(TelemetryClient client, Predicate<HealthStatus> condition, Duration timeout,
                                    String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HealthStatus h = client.health();
        while (!condition.test(h)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; health: " + h);
            }
            sleep(20);
            h = client.health();
        }
        return h;
    }

    /** The {@code q}-quantile (0..1) of {@code nanos}, in microseconds. */
    static double quantileMicros(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    /** Milliseconds since {@code startNanos}. */
    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Used heap after a few full collections, in bytes. */
    static long heapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            sleep(60);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
