package io.telemetryflow.sdk.reliability;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.TelemetrySpan;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.SpanKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The application of {@link DiskBufferRestartTest}, run as its own JVM. {@code record <port> <dir> <n>}: records
 * n spans and n log records against a port nobody listens on, waits until all are in the retry buffer (so on
 * disk), prints {@code BUFFERED} and waits to be killed. {@code deliver <port> <dir>}: starts against the
 * receiver, waits until what the disk buffer held is delivered, prints the counts and stops.
 */
public final class DiskBufferChild {

    static final String SERVICE = "disk-buffer-app";

    private DiskBufferChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        TelemetryClient client = Reliability.builder(Protocol.GRPC, port).service(SERVICE, "1.0.0")
            .timeout(Duration.ofSeconds(2)).retry(true, 1, Duration.ofMillis(100)).batch(Duration.ofMillis(100), 256)
            .configure(c -> c.bufferDirectory(dir)).build().initialize();
        if (mode.equals("record")) {
            int n = Integer.parseInt(args[3]);
            for (int i = 0; i < n; i++) {
                try (TelemetrySpan span = client.span("disk.span-" + i, SpanKind.SERVER)) {
                    span.setAttribute("i", (long) i).setAttribute("ratio", i / 4.0).setAttribute("even", i % 2 == 0)
                        .setAttribute("tags", java.util.List.of("a", "b"));
                    client.logInfo("disk.log-" + i, Map.of("i", (long) i)); // in the span: carries its trace
                }
            }
            await(client, h -> buffered(h) == 2L * n, "all records in the retry buffer");
            System.out.println("BUFFERED " + buffered(client.health()));
            System.out.flush();
            Thread.sleep(120_000); // killed (SIGKILL) by the test long before
            System.exit(3);
        } else {
            await(client, h -> buffered(h) == 0 && exported(h, SignalType.TRACES) > 0 && exported(h, SignalType.LOGS) > 0,
                "the restored records delivered");
            HealthStatus h = client.health();
            System.out.println("DELIVERED traces " + exported(h, SignalType.TRACES) + " logs " + exported(h, SignalType.LOGS)
                + " balanced " + h.signals().get(SignalType.TRACES).balanced() + " " + h.signals().get(SignalType.LOGS).balanced());
            System.out.flush();
            client.shutdown(Duration.ofSeconds(5));
            System.exit(0);
        }
    }

    private static long buffered(HealthStatus h) {
        return h.signals().get(SignalType.TRACES).buffered() + h.signals().get(SignalType.LOGS).buffered();
    }

    private static long exported(HealthStatus h, SignalType s) {
        return h.signals().get(s).exported();
    }

    private static void await(TelemetryClient client, java.util.function.Predicate<HealthStatus> condition, String what)
        throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.test(client.health())) {
            if (System.nanoTime() > deadline) {
                System.out.println("TIMEOUT waiting for " + what + ": " + client.health());
                System.exit(2);
            }
            Thread.sleep(20);
        }
    }
}
