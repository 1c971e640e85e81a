package io.telemetryflow.sdk.reliability;

import static io.telemetryflow.sdk.reliability.Reliability.WAIT;
import static io.telemetryflow.sdk.reliability.Reliability.awaitHealth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedSpan;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.TelemetryConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code telemetryflow.buffer.directory} in one JVM: a graceful stop during an outage keeps the unsent records
 * for the next start; the bounds apply to what is restored (the oldest dropped and counted); an unreadable
 * file is set aside; a second client of the same service cannot share the directory (memory only, said once);
 * a path that is not a directory is a configuration error naming the key. ({@link DiskBufferRestartTest}: the
 * same across a {@code SIGKILL}.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DiskBufferTest {

    @TempDir
    Path dir;

    private TelemetryClient client(int port, int maxItems) {
        return Reliability.builder(Protocol.GRPC, port).service("disk-test", "1.0.0")
            .timeout(Duration.ofSeconds(2)).retry(true, 1, Duration.ofMillis(100)).batch(Duration.ofMillis(50), 128)
            .retryBuffer(maxItems, 1 << 26).configure(c -> c.bufferDirectory(dir)).build().initialize();
    }

    private static void record(TelemetryClient client, int from, int to) {
        for (int i = from; i < to; i++) {
            client.endSpan(client.startSpan("disk-" + i));
        }
    }

    /** A client that recorded {@code n} spans while nothing listened, and was stopped once all were buffered. */
    private TelemetryClient stoppedDuringAnOutage(int n) throws IOException {
        TelemetryClient client = client(Reliability.deadPort(), 20_000);
        record(client, 0, n);
        awaitHealth(client, h -> buffered(h) == n, WAIT, n + " spans buffered");
        client.shutdown(Duration.ofSeconds(1));
        return client;
    }

    private static long buffered(HealthStatus h) {
        return h.signals().get(SignalType.TRACES).buffered();
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void aGracefulStopDuringAnOutageKeepsTheUnsentForTheNextStart() throws Exception {
        TelemetryClient first = stoppedDuringAnOutage(500);
        SignalHealth stopped = first.health().signals().get(SignalType.TRACES);
        assertThat(stopped.dropped()).as("kept on disk, not dropped").isZero();
        assertThat(stopped.buffered()).as("unsent at the stop").isEqualTo(500);
        assertThat(files(".batch")).isNotEmpty();
        for (Path f : files(".batch")) {
            assertThat(Files.readString(f)).doesNotContain(Reliability.SECRET);
        }

        try (OtlpReceiver receiver = OtlpReceiver.start(); TelemetryClient second = client(receiver.grpcPort(), 20_000)) {
            awaitHealth(second, h -> buffered(h) == 0 && h.signals().get(SignalType.TRACES).exported() == 500, WAIT,
                "the restored spans delivered");
            SignalHealth traces = second.health().signals().get(SignalType.TRACES);
            assertThat(traces.recorded()).as("restored count as recorded here").isEqualTo(500);
            assertThat(traces.balanced()).isTrue();
            assertThat(receiver.awaitSpans(500, WAIT)).extracting(ReceivedSpan::name).doesNotHaveDuplicates().hasSize(500);
            assertThat(files(".batch")).as("files of delivered batches are deleted").isEmpty();
        }
    }

    @Test
    void theBoundsApplyToWhatIsRestoredAndAnUnreadableFileIsSetAside() throws Exception {
        TelemetryClient first = stoppedDuringAnOutage(1000);
        Path traces = files(".batch").get(0).getParent();
        Files.writeString(traces.resolve("0000000000000099999.batch"), "not a batch");

        try (LogCapture logs = LogCapture.start(); OtlpReceiver receiver = OtlpReceiver.start();
             TelemetryClient second = client(receiver.grpcPort(), 300)) {
            awaitHealth(second, h -> buffered(h) == 0 && h.signals().get(SignalType.TRACES).exported() == 300, WAIT,
                "the newest 300 delivered");
            SignalHealth h = second.health().signals().get(SignalType.TRACES);
            assertThat(h.dropped()).as("the oldest beyond max-items, counted").isEqualTo(700);
            assertThat(h.recorded()).isEqualTo(1000);
            List<ReceivedSpan> spans = receiver.awaitSpans(300, WAIT);
            assertThat(spans).extracting(ReceivedSpan::name).doesNotContain("disk-0", "disk-699").contains("disk-700", "disk-999");
            assertThat(files(".batch")).isEmpty();
            assertThat(files(".corrupt")).hasSize(1);
            assertThat(logs.warnings()).extracting(logs::text).anyMatch(t -> t.contains("cannot be read") && t.contains(".corrupt"));
        }
    }

    @Test
    void aSecondClientOfTheServiceCannotShareTheDirectoryAndRunsInMemory() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start(); LogCapture logs = LogCapture.start();
             TelemetryClient first = client(receiver.grpcPort(), 20_000);
             TelemetryClient second = client(receiver.grpcPort(), 20_000)) {
            assertThat(logs.warnings()).extracting(logs::text)
                .anyMatch(t -> t.contains("telemetryflow.buffer.directory") && t.contains("in use") && t.contains("memory only"));
            second.endSpan(second.startSpan("from-the-second"));
            assertThat(second.flush(Duration.ofSeconds(10))).isTrue();
            receiver.awaitSpan("from-the-second", WAIT);
            assertThat(first.isInitialized()).isTrue();
        }
    }

    @Test
    void aDiskThatFailsUnderTheBufferKeepsTheRecordsInMemoryAndSaysSoOnce() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            TelemetryClient client = client(Reliability.deadPort(), 20_000);
            try {
                Path traces = dir.resolve("disk-test").resolve("traces");
                try (Stream<Path> all = Files.walk(traces)) { // the directory vanishes under the running client
                    for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
                record(client, 0, 300);
                awaitHealth(client, h -> buffered(h) == 300, WAIT, "300 spans buffered in memory");
                assertThat(logs.warnings()).extracting(logs::text)
                    .filteredOn(t -> t.contains("cannot write spans to the disk buffer")).hasSize(1)
                    .allSatisfy(t -> assertThat(t).contains("kept in memory only"));
                assertThat(client.health().signals().get(SignalType.TRACES).dropped()).isZero();
            } finally {
                client.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void aPathThatIsNotADirectoryIsAConfigurationErrorNamingTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> Reliability.builder(Protocol.GRPC, 4317).configure(c -> c.bufferDirectory(file)).build())
            .isInstanceOf(TelemetryConfigException.class)
            .hasMessageContaining("telemetryflow.buffer.directory").hasMessageContaining("a writable directory");
    }
}
