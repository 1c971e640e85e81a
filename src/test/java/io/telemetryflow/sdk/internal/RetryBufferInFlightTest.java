package io.telemetryflow.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.internal.disk.BatchFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two exports on the wire at once ({@link RetryBuffer#MAX_IN_FLIGHT}): the processor's worker is not held for
 * an answer while there is room, a third batch waits for one, and neither the order of arrival, nor
 * {@code flush}, nor {@code shutdown}, nor the accounting loses anything to the overlap. The transport is a
 * send function whose answers the test gives by hand, so every interleaving below is forced, not hoped for.
 */
class RetryBufferInFlightTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    /** The batches sent, in order, each with the answer the test completes. */
    private final List<Sent> sent = new ArrayList<>();
    private final ExportHealth health = new ExportHealth(1000, "tfs_never_logged");
    private RetryBuffer<String> buffer;

    private record Sent(List<String> items, CompletableResultCode answer) {
    }

    /** A buffer whose sends from the {@code answeredAtOnceFrom}-th on (counting from 0) are delivered at once. */
    private RetryBuffer<String> buffer(int answeredAtOnceFrom) {
        return buffer(answeredAtOnceFrom, Duration.ofMillis(1));
    }

    private RetryBuffer<String> buffer(int answeredAtOnceFrom, Duration firstBackoff) {
        buffer = new RetryBuffer<>(SignalType.TRACES, items -> send(items, answeredAtOnceFrom), s -> 8, health,
            1000, 1 << 20, 10, LONG, LONG, firstBackoff, null);
        return buffer;
    }

    @AfterEach
    void stop() {
        synchronized (sent) {
            sent.forEach(s -> s.answer().succeed()); // release anything a failed test left on the wire
        }
        if (buffer != null) {
            buffer.shutdown();
        }
    }

    @Test
    void twoBatchesGoOnTheWireBeforeEitherIsAnsweredAndAThirdWaitsForAnAnswer() throws Exception {
        RetryBuffer<String> buffer = buffer(Integer.MAX_VALUE);
        assertThat(buffer.export(List.of("a1", "a2")).isDone()).as("the first returns once it is sent").isTrue();
        assertThat(buffer.export(List.of("b1")).isDone()).as("the second too, the first unanswered").isTrue();
        assertThat(sent()).hasSize(2);

        CompletableResultCode[] third = new CompletableResultCode[1];
        Thread exporting = startBlocking(() -> third[0] = buffer.export(List.of("c1")), "the third export");
        assertThat(sent()).as("not sent while two are unanswered").hasSize(2);
        assertThat(buffer.awaitEmpty(System.nanoTime())).as("in flight is not empty").isFalse();

        answer(0, true);
        joined(exporting);
        assertThat(third[0].isDone()).isTrue();
        assertThat(sent()).as("the third sent once the first was answered").hasSize(3);
        answer(1, true);
        answer(2, true);

        assertThat(buffer.awaitEmpty(System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
        SignalHealth h = health.snapshot().signals().get(SignalType.TRACES);
        assertThat(h.exported()).isEqualTo(4);
        assertThat(h.failed() + h.buffered()).isZero();
    }

    @Test
    void aFlushWaitsForTheAnswersOfWhatIsOnTheWire() throws Exception {
        RetryBuffer<String> buffer = buffer(Integer.MAX_VALUE);
        buffer.export(List.of("a1"));
        boolean[] flushed = new boolean[1];
        Thread flushing = startBlocking(() -> flushed[0] = buffer.awaitEmpty(System.nanoTime()
            + TimeUnit.SECONDS.toNanos(20)), "a flush while an export is unanswered");
        answer(0, true);
        joined(flushing);
        assertThat(flushed[0]).isTrue();
        assertThat(health.snapshot().signals().get(SignalType.TRACES).exported()).isEqualTo(1);
    }

    @Test
    void aLaterBatchAnsweredFirstNeverOvertakesAnEarlierOneKeptForRetry() {
        // the first re-send waits a second after a failure, long after the two answers below are given
        RetryBuffer<String> buffer = buffer(2, Duration.ofSeconds(1));
        buffer.export(List.of("a1", "a2"));
        buffer.export(List.of("b1", "b2"));
        // the backend went down: the later batch's failure arrives first, then the earlier one's
        answer(1, false);
        answer(0, false);
        await(() -> sent().size() >= 3, "the kept batches re-sent");
        assertThat(buffer.awaitEmpty(System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
        List<String> resent = new ArrayList<>();
        sent().subList(2, sent().size()).forEach(s -> resent.addAll(s.items()));
        assertThat(resent).as("re-sent in the order of arrival").containsExactly("a1", "a2", "b1", "b2");
        SignalHealth h = health.snapshot().signals().get(SignalType.TRACES);
        assertThat(h.exported()).isEqualTo(4);
        assertThat(h.failed() + h.dropped() + h.buffered()).isZero();
    }

    @Test
    void shutdownWaitsForTheWireSoThatAFailureThereIsStillKeptAndSentOnceMore() throws Exception {
        RetryBuffer<String> buffer = buffer(1);
        buffer.export(List.of("a1", "a2", "a3"));
        Thread stopping = startBlocking(buffer::shutdown, "shutdown with an export unanswered");
        answer(0, false); // retryable: kept, then the shutdown's last attempt delivers it
        joined(stopping);
        SignalHealth h = health.snapshot().signals().get(SignalType.TRACES);
        assertThat(h.exported()).as("delivered by the last attempt, not counted failed").isEqualTo(3);
        assertThat(h.failed() + h.dropped() + h.buffered()).isZero();
        this.buffer = null;
    }

    @Test
    void aShutdownDuringAReSendWaitsForItsAnswerAndCountsItsItemsOnce() throws Exception {
        RetryBuffer<String> buffer = buffer(Integer.MAX_VALUE);
        buffer.export(List.of("a1", "a2"));
        answer(0, false); // retryable: kept, and re-sent by the buffer's own thread a millisecond later
        await(() -> sent().size() == 2, "the re-send on the wire");
        // Before: shutdown counted the re-send's items as dropped at once, and its answer then counted them
        // delivered as well (or, interrupted, they were sent a third time by the last attempt).
        Thread stopping = startBlocking(buffer::shutdown, "shutdown while a re-send is unanswered");
        answer(1, true);
        joined(stopping);
        SignalHealth h = health.snapshot().signals().get(SignalType.TRACES);
        assertThat(h.exported()).isEqualTo(2);
        assertThat(h.failed() + h.dropped() + h.buffered()).as("counted once").isZero();
        assertThat(sent()).as("not sent again").hasSize(2);
        this.buffer = null;
    }

    @Test
    void onDiskTooTheOrderIsThatOfArrivalWhenTheLaterBatchFailsFirst(@TempDir Path dir) throws Exception {
        // the first re-send would wait 30 s: nothing is re-sent before the shutdown, whose last attempt fails
        buffer = new RetryBuffer<>(SignalType.TRACES, items -> sent().size() >= 2 ? failedAtOnce(items)
            : send(items, Integer.MAX_VALUE), s -> 8, health, 1000, 1 << 20, 10, LONG, LONG, LONG,
            BatchFiles.open(dir, LINES));
        buffer.export(List.of("a1", "a2"));
        buffer.export(List.of("b1", "b2"));
        answer(1, false); // the later batch is written to disk first
        answer(0, false);
        buffer.shutdown(); // what is left stays on disk
        buffer = null;

        // the next run keeps the newest two of what it finds: by arrival those are b1 and b2 (before: a1 and a2)
        List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        buffer = new RetryBuffer<>(SignalType.TRACES, items -> {
            delivered.addAll(items);
            return CompletableResultCode.ofSuccess();
        }, s -> 8, health, 2, 1 << 20, 10, LONG, LONG, Duration.ofMillis(1), BatchFiles.open(dir, LINES));
        assertThat(buffer.awaitEmpty(System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
        assertThat(delivered).containsExactly("b1", "b2");
    }

    /** One item per line: enough for the order of what a disk buffer keeps. */
    private static final BatchFiles.Codec<String> LINES = new BatchFiles.Codec<>() {
        @Override
        public byte[] encode(List<String> items) {
            return String.join("\n", items).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public List<String> decode(byte[] bytes) {
            return List.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n"));
        }
    };

    private CompletableResultCode failedAtOnce(Collection<String> items) {
        CompletableResultCode answer = new CompletableResultCode();
        synchronized (sent) {
            sent.add(new Sent(List.copyOf(items), answer));
        }
        answer.failExceptionally(new IOException("connection refused"));
        return answer;
    }

    private CompletableResultCode send(Collection<String> items, int answeredAtOnceFrom) {
        CompletableResultCode answer = new CompletableResultCode();
        boolean atOnce;
        synchronized (sent) {
            atOnce = sent.size() >= answeredAtOnceFrom;
            sent.add(new Sent(List.copyOf(items), answer));
        }
        if (atOnce) {
            answer.succeed();
        }
        return answer;
    }

    /** Runs {@code task} on a thread of its own and returns once that thread waits inside it (it must). */
    private static Thread startBlocking(Runnable task, String what) {
        Thread t = new Thread(task, "test-" + what);
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Thread.State state = t.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return t;
            }
            assertThat(state).as(what + " returned instead of waiting").isNotEqualTo(Thread.State.TERMINATED);
            assertThat(System.nanoTime() < deadline).as(what + " waits").isTrue();
            Thread.onSpinWait();
        }
    }

    private static void joined(Thread t) throws InterruptedException {
        t.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(t.isAlive()).as(t.getName() + " returned").isFalse();
    }

    private void answer(int index, boolean delivered) {
        CompletableResultCode answer = sent().get(index).answer();
        if (delivered) {
            answer.succeed();
        } else {
            answer.failExceptionally(new IOException("connection refused"));
        }
    }

    private List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as(what).isTrue();
            Thread.onSpinWait();
        }
    }
}
