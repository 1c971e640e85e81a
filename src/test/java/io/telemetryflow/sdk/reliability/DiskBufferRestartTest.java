package io.telemetryflow.sdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedLog;
import io.telemetryflow.devbackend.ReceivedSpan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk buffer across a hard crash: an application records during an outage, its JVM is killed with
 * {@code SIGKILL} once everything is in the retry buffer, and a new JVM of the same service, started when
 * the backend is back, delivers what the first had buffered — each span and log record once, with its
 * attributes, ids and resource as recorded; the buffer files hold no secret and are gone afterwards.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DiskBufferRestartTest {

    private static final int N = 1000;

    @TempDir
    Path dir;

    @Test
    void whatAKilledProcessBufferedIsDeliveredOnceByTheNextStart() throws Exception {
        int deadPort = Reliability.deadPort();
        Process first = child("record", String.valueOf(deadPort), dir.toString(), String.valueOf(N));
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
                if (line.startsWith("BUFFERED") || line.startsWith("TIMEOUT")) {
                    break;
                }
            }
            assertThat(out).as("the first run's output").anyMatch(l -> l.equals("BUFFERED " + (2 * N)));
            List<Path> files = batchFiles();
            assertThat(files).as("batch files of the killed run").isNotEmpty();
            for (Path f : files) {
                assertThat(Files.readString(f)).doesNotContain(Reliability.SECRET).doesNotContain("tfs_");
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }
        assertThat(first.exitValue()).as("killed, not exited").isNotEqualTo(0).isNotEqualTo(3);
        int filesLeft = batchFiles().size();

        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            Process second = child("deliver", String.valueOf(receiver.grpcPort()), dir.toString());
            String output;
            try {
                assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("the second run finished").isTrue();
                output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                second.destroyForcibly();
            }
            assertThat(second.exitValue()).as("second run: %s", output).isZero();
            assertThat(output).contains("DELIVERED traces " + N + " logs " + N + " balanced true true")
                .contains("left unsent by an earlier run loaded from").doesNotContain(Reliability.SECRET);

            List<ReceivedSpan> spans = receiver.awaitSpans(N, Reliability.WAIT);
            Map<String, Long> perName = spans.stream().collect(Collectors.groupingBy(ReceivedSpan::name, Collectors.counting()));
            long duplicates = perName.values().stream().filter(c -> c > 1).count();
            System.out.printf("[disk-buffer] %d batch files after SIGKILL; delivered %d spans (%d distinct, %d duplicated),"
                + " %d logs%n", filesLeft, spans.size(), perName.size(), duplicates, receiver.logs().size());
            assertThat(perName).hasSize(N);
            assertThat(duplicates).as("spans delivered twice").isZero();
            Map<String, ReceivedLog> logs = receiver.logs().stream()
                .collect(Collectors.toMap(ReceivedLog::body, Function.identity(), (a, b) -> {
                    throw new AssertionError("log delivered twice: " + a);
                }));
            assertThat(logs).hasSize(N);

            ReceivedSpan s7 = spans.stream().filter(s -> s.name().equals("disk.span-7")).findFirst().orElseThrow();
            assertThat(s7.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
            assertThat(s7.attributes()).containsEntry("i", 7L).containsEntry("ratio", 1.75).containsEntry("even", false)
                .containsEntry("tags", List.of("a", "b"));
            assertThat(s7.resourceAttributes()).containsEntry("service.name", DiskBufferChild.SERVICE);
            assertThat(s7.scopeName()).isEqualTo("io.telemetryflow.sdk");
            ReceivedLog l7 = logs.get("disk.log-7");
            assertThat(l7.attributes()).containsEntry("i", 7L);
            assertThat(l7.traceId()).as("the log's trace context kept").isEqualTo(s7.traceId());
            assertThat(batchFiles()).as("batch files after delivery").isEmpty();
        }
    }

    private List<Path> batchFiles() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".batch")).toList();
        }
    }

    private static Process child(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-cp", System.getProperty("java.class.path"), DiskBufferChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
