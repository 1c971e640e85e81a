package io.telemetryflow.sdk.reliability;

import static io.telemetryflow.sdk.reliability.Reliability.awaitHealth;
import static io.telemetryflow.sdk.reliability.Reliability.millisSince;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.devbackend.FaultMode;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backend that accepts connections but never answers — the OTLP receiver in HANG mode (a
 * decoded request that is never answered) and a raw socket that accepts and never reads or
 * writes (not even the HTTP/2 preface): record calls return at once while exports hang,
 * {@code flush(timeout)} and {@code shutdown(timeout)} return within their bounds, and the export
 * timeout turns the hanging exports into counted failures.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HangingBackendTest {

    private static final Duration EXPORT_TIMEOUT = Duration.ofMillis(800);
    /** Scheduling slack for a noisy 2-core box on top of each bound; a hang would blow far past it. */
    private static final long SLACK_MILLIS = 700;

    enum Backend { OTLP_RECEIVER_HANG, SILENT_SOCKET }

    static Stream<Arguments> cases() {
        return Stream.of(
            Arguments.of(Protocol.GRPC, Backend.OTLP_RECEIVER_HANG),
            Arguments.of(Protocol.HTTP, Backend.OTLP_RECEIVER_HANG),
            Arguments.of(Protocol.GRPC, Backend.SILENT_SOCKET),
            Arguments.of(Protocol.HTTP, Backend.SILENT_SOCKET));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void recordFlushAndShutdownReturnWithinTheirBounds(Protocol protocol, Backend backend) throws Exception {
        OtlpReceiver receiver = null;
        SilentServer silent = null;
        int port;
        if (backend == Backend.OTLP_RECEIVER_HANG) {
            receiver = OtlpReceiver.start();
            receiver.respondWith(FaultMode.HANG);
            port = protocol == Protocol.GRPC ? receiver.grpcPort() : receiver.httpPort();
        } else {
            silent = new SilentServer();
            port = silent.port();
        }
        TelemetryClient client = Reliability.builder(protocol, port)
            .timeout(EXPORT_TIMEOUT)
            .retry(true, 2, Duration.ofMillis(100))
            .batch(Duration.ofMillis(100), 512)
            .build().initialize();
        try {
            // Get an export hanging first.
            client.endSpan(client.startSpan("hang.first"));
            long wait = System.nanoTime();
            while ((receiver != null ? receiver.rejectedCount() : silent.accepted()) == 0) {
                assertThat(millisSince(wait)).as("an export to reach the backend").isLessThan(5000);
                Reliability.sleep(10);
            }

            // Record calls while exports hang.
            long start = System.nanoTime();
            long slowest = 0;
            for (int i = 0; i < 500; i++) {
                long c = System.nanoTime();
                client.endSpan(client.startSpan("hang.span"));
                client.logError("hang-log", Map.of("i", i));
                client.recordGauge("hang.gauge", i);
                slowest = Math.max(slowest, System.nanoTime() - c);
            }
            long recordMillis = millisSince(start);
            // An export-bound call would take at least the 800 ms export timeout; the bound leaves
            // room for a GC pause or a descheduled thread on a busy 2-core box.
            assertThat(slowest / 1_000_000).as("slowest record round while the backend hangs, ms").isLessThan(500);
            assertThat(recordMillis).as("500 record rounds while the backend hangs, ms").isLessThan(2000);

            // flush(timeout): bounded, and false (nothing could be delivered).
            long f = System.nanoTime();
            boolean flushed = client.flush(Duration.ofSeconds(1));
            long flushMillis = millisSince(f);
            assertThat(flushMillis).as("flush(1 s), ms").isLessThan(1000 + SLACK_MILLIS);

            // The export timeout ends hanging exports: no answer is retryable, so their spans are buffered.
            HealthStatus failing = awaitHealth(client, h -> h.signals().get(SignalType.TRACES).failed()
                    + h.signals().get(SignalType.TRACES).buffered() > 0,
                Duration.ofSeconds(10), "a timed-out span export to be counted as buffered");
            assertThat(failing.status()).isEqualTo(HealthStatus.State.UNHEALTHY);
            assertThat(failing.lastError()).isPresent();
            assertThat(failing.lastError().get()).doesNotContain(Reliability.SECRET);

            long s = System.nanoTime();
            boolean shutDown = client.shutdown(Duration.ofSeconds(1));
            long shutdownMillis = millisSince(s);
            assertThat(shutdownMillis).as("shutdown(1 s), ms").isLessThan(1000 + SLACK_MILLIS);
            System.out.printf(java.util.Locale.ROOT, "[reliability] %s %s: 500 record rounds in %d ms (slowest %.2f ms),"
                + " flush(1s) -> %s in %d ms, shutdown(1s) -> %s in %d ms, lastError: %s%n",
                protocol, backend, recordMillis, slowest / 1e6, flushed, flushMillis, shutDown, shutdownMillis,
                failing.lastError().orElse(""));

            // After shutdown nothing is stuck "queued" for ever once the hanging exports time out.
            HealthStatus end = awaitHealth(client, h -> h.signals().get(SignalType.TRACES).queued() == 0
                && h.signals().get(SignalType.LOGS).queued() == 0 && h.signals().get(SignalType.TRACES).buffered() == 0
                && h.signals().get(SignalType.LOGS).buffered() == 0, Duration.ofSeconds(10),
                "in-flight exports to end (what was buffered is dropped and counted at shutdown)");
            for (SignalType signal : new SignalType[] {SignalType.TRACES, SignalType.LOGS}) {
                SignalHealth h = end.signals().get(signal);
                assertThat(h.exported()).isZero();
                assertThat(h.recorded()).as(signal + ": recorded = failed + dropped")
                    .isEqualTo(h.failed() + h.dropped());
            }
        } finally {
            client.shutdown(Duration.ofSeconds(1));
            if (receiver != null) {
                receiver.stop();
            }
            if (silent != null) {
                silent.close();
            }
        }
    }

    /** Accepts connections on 127.0.0.1 and never reads or writes a byte. */
    static final class SilentServer implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        SilentServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        sockets.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return sockets.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
