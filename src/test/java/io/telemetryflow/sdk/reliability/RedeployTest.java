package io.telemetryflow.sdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.internal.ClientInternals;
import io.telemetryflow.sdk.internal.OpenTelemetryLogFilter;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What a redeploy needs: two clients in one JVM, and start → stop → start, leave nothing of a
 * stopped client behind — no logger filter, no JUL handler, no SDK thread, and nothing that keeps
 * its runtime (and so its class loader) reachable.
 */
class RedeployTest {

    // OpenTelemetry's batch workers leave their loop at the end of their current wait, at most one
    // batch delay after shutdown: a short delay keeps that wait short.
    private static final Duration BATCH = Duration.ofMillis(200);

    @Test
    void aStoppedClientLeavesNoFilterHandlerThreadOrReference() throws Exception {
        // Clients of earlier tests whose shutdown outlived its wait release the filter when their SDK
        // finally stops: wait (bounded) until none is left, so that the counts below are this test's own.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (OpenTelemetryLogFilter.users() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        int usersBefore = OpenTelemetryLogFilter.users();
        assertThat(usersBefore).as("no other client of this JVM still holds the log filter").isZero();
        java.util.Map<String, java.util.logging.Filter> filtersBefore = new java.util.HashMap<>();
        for (String name : OpenTelemetryLogFilter.LOGGER_NAMES) {
            filtersBefore.put(name, Logger.getLogger(name).getFilter());
        }
        java.util.Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient first = Reliability.builder(Protocol.GRPC, receiver).batch(BATCH, 512).julLogs(true).build().initialize();
            TelemetryClient second = Reliability.builder(Protocol.HTTP, receiver).batch(BATCH, 512).build().initialize();
            started.add(first);
            started.add(second);
            assertThat(OpenTelemetryLogFilter.users()).isEqualTo(usersBefore + 2);
            first.span("work").close();
            first.logInfo("work");
            assertThat(first.flush()).isTrue();

            WeakReference<TelemetryRuntime> firstRuntime = new WeakReference<>(ClientInternals.runtime(first));
            assertThat(first.shutdown(Duration.ofSeconds(10))).isTrue();
            assertThat(OpenTelemetryLogFilter.users()).as("the second client still masks").isEqualTo(usersBefore + 1);
            assertThat(rootHandlers()).as("the JUL handler is gone with its client").noneMatch(RedeployTest::isOurs);
            assertThat(second.shutdown(Duration.ofSeconds(10))).isTrue();
            assertThat(OpenTelemetryLogFilter.users()).isEqualTo(usersBefore);
            for (String name : OpenTelemetryLogFilter.LOGGER_NAMES) {
                // as found before the two clients (no filter of ours when no other client runs in this JVM)
                assertThat(Logger.getLogger(name).getFilter()).as(name).isSameAs(filtersBefore.get(name));
            }

            // start -> stop -> start: the second start works as the first
            TelemetryClient again = Reliability.builder(Protocol.GRPC, receiver).batch(BATCH, 512).build().initialize();
            started.add(again);
            assertThat(OpenTelemetryLogFilter.users()).isEqualTo(usersBefore + 1);
            again.span("again").close();
            assertThat(again.flush()).isTrue();
            receiver.awaitSpan("again", Reliability.WAIT);
            assertThat(again.shutdown(Duration.ofSeconds(10))).isTrue();

            first = null; // the application drops its client, as an undeployed application does
            started.clear();
            assertThat(collected(firstRuntime)).as("nothing static keeps a stopped runtime").isTrue();
            assertThat(sdkThreadsLeft(threadsBefore)).as("SDK threads after stop").isEmpty();
        } finally {
            started.forEach(c -> c.shutdown(Duration.ofSeconds(5))); // a failed assertion leaves no client behind
        }
    }

    private final List<TelemetryClient> started = new java.util.ArrayList<>();

    private static boolean isOurs(java.util.logging.Handler h) {
        return h.getClass().getName().startsWith("io.telemetryflow.sdk.");
    }

    private static List<java.util.logging.Handler> rootHandlers() {
        return Arrays.asList(Logger.getLogger("").getHandlers());
    }

    /** Collects garbage until the referent is gone, at most 50 times. */
    private static boolean collected(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return ref.get() == null;
    }

    /** SDK threads started since {@code before} and still alive, waiting up to 5 s for those that are stopping. */
    private static List<String> sdkThreadsLeft(java.util.Set<Thread> before) throws InterruptedException {
        List<String> left = List.of();
        for (int i = 0; i < 100; i++) {
            left = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("telemetryflow-") || n.startsWith("BatchSpanProcessor")
                    || n.startsWith("BatchLogRecordProcessor") || n.startsWith("PeriodicMetricReader"))
                .toList();
            if (left.isEmpty()) {
                break;
            }

            Thread.sleep(50);
        }
        return left;
    }
}
