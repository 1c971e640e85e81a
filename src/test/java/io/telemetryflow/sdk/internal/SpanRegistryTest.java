package io.telemetryflow.sdk.internal;

import static io.telemetryflow.sdk.SdkTestClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.telemetryflow.sdk.SdkTestClients;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.SpanKind;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Spans started with {@code startSpan} and never ended are bounded and counted. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SpanRegistryTest {

    private OtlpReceiver receiver;
    private TelemetryClient client;

    @BeforeEach
    void start() {
        receiver = OtlpReceiver.start();
        client = SdkTestClients.builder(receiver, Protocol.GRPC).maxOpenSpans(100).build().initialize();
    }

    @AfterEach
    void stop() {
        client.shutdown();
        receiver.stop();
    }

    private List<String> startSpans(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(client.startSpan("open-" + i, SpanKind.INTERNAL, Map.of("i", i)));
        }
        return ids;
    }

    @Test
    void registryStaysAtTheCapAndCountsTheOverflow() {
        SpanRegistry registry = ClientInternals.runtime(client).spanRegistry();
        List<String> ids = startSpans(150);

        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).hasSize(16));
        assertThat(registry.size()).isEqualTo(100);
        assertThat(registry.overflowCount()).isEqualTo(50);
        assertThat(client.health().signals().get(SignalType.TRACES).dropped()).isEqualTo(50);
        // the oldest were evicted, the newest are still open
        assertThat(registry.get(ids.get(0))).isNull();
        assertThat(registry.get(ids.get(49))).isNull();
        assertThat(registry.get(ids.get(50))).isNotNull();
        assertThat(registry.get(ids.get(149))).isNotNull();
    }

    @Test
    void endingAnEvictedSpanIsACountedNoOp() {
        SpanRegistry registry = ClientInternals.runtime(client).spanRegistry();
        SpanCommandHandlers handlers = ClientInternals.runtime(client).spanHandlers();
        List<String> ids = startSpans(150);

        assertThatCode(() -> client.endSpan(ids.get(0))).doesNotThrowAnyException();
        assertThatCode(() -> client.endSpan(ids.get(1), new IllegalStateException("late"))).doesNotThrowAnyException();
        assertThatCode(() -> client.addSpanEvent(ids.get(2), "late.event", Map.of())).doesNotThrowAnyException();
        assertThat(handlers.unknownSpanIdCount()).isEqualTo(3);
        assertThat(registry.size()).isEqualTo(100);

        // an open one still ends and is exported; the evicted ones never are
        client.endSpan(ids.get(149));
        assertThat(registry.size()).isEqualTo(99);
        assertThat(client.flush()).isTrue();
        ReceivedSpan last = receiver.awaitSpan("open-149", WAIT);
        assertThat(last.spanId()).isEqualTo(ids.get(149));
        assertThat(receiver.spans()).extracting(ReceivedSpan::name).doesNotContain("open-0", "open-1", "open-2");
        assertThat(client.health().signals().get(SignalType.TRACES).dropped()).isEqualTo(50);
    }

    @Test
    void endingASpanTwiceDoesNotThrowAndExportsItOnce() {
        SpanCommandHandlers handlers = ClientInternals.runtime(client).spanHandlers();
        String id = client.startSpan("twice");
        client.endSpan(id);
        assertThatCode(() -> client.endSpan(id)).doesNotThrowAnyException();
        assertThatCode(() -> client.endSpan(id, new RuntimeException("again"))).doesNotThrowAnyException();
        assertThat(handlers.unknownSpanIdCount()).isEqualTo(2);
        assertThatCode(() -> client.endSpan("0123456789abcdef")).doesNotThrowAnyException();
        assertThat(handlers.unknownSpanIdCount()).isEqualTo(3);

        assertThat(client.flush()).isTrue();
        receiver.awaitSpan("twice", WAIT);
        assertThat(receiver.spans()).extracting(ReceivedSpan::name).containsOnlyOnce("twice");
        assertThat(ClientInternals.runtime(client).spanRegistry().size()).isZero();
    }

    @Test
    void spansStillOpenAtShutdownAreDroppedAndCounted() {
        startSpans(10);
        client.shutdown();
        assertThat(client.health().signals().get(SignalType.TRACES).dropped()).isEqualTo(10);
        assertThatCode(() -> client.endSpan("0123456789abcdef")).doesNotThrowAnyException();
    }

    /**
     * Many threads starting and ending spans at once, past the cap: nothing is lost or double-counted —
     * every span is either still open, ended (removed once) or evicted and counted as dropped.
     */
    @Test
    void concurrentStartsAndEndsStayBoundedAndAddUp() throws Exception {
        ExportHealth health = new ExportHealth(10, "tfs_x");
        SpanRegistry registry = new SpanRegistry(64, health);
        var real = ClientInternals.runtime(client).tracer();
        int threads = 4;
        int perThread = 20_000;
        java.util.concurrent.atomic.AtomicLong removed = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    java.util.ArrayDeque<String> mine = new java.util.ArrayDeque<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.push(registry.register(real.spanBuilder("s").startSpan()));
                        // end most of them (LIFO, like nested spans), keep some open to push past the cap
                        if ((i + seed) % 3 != 0 && registry.remove(mine.pop()) != null) {
                            removed.incrementAndGet();
                        }
                    }
                }));
            }
            for (var f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long started = (long) threads * perThread;
        assertThat(registry.size()).isLessThanOrEqualTo(64);
        assertThat(registry.overflowCount()).isPositive();
        assertThat(removed.get() + registry.overflowCount() + registry.size()).as("removed + evicted + open").isEqualTo(started);
        assertThat(health.snapshot().signals().get(SignalType.TRACES).dropped()).isEqualTo(registry.overflowCount());
        assertThat(registry.ids()).hasSize(registry.size());
    }

    @Test
    void registryUnitBehaviour() {
        ExportHealth health = new ExportHealth(10, "tfs_x");
        SpanRegistry registry = new SpanRegistry(2, health);
        var real = ClientInternals.runtime(client).tracer();
        String a = registry.register(real.spanBuilder("a").startSpan());
        String b = registry.register(real.spanBuilder("b").startSpan());
        String c = registry.register(real.spanBuilder("c").startSpan());
        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.overflowCount()).isEqualTo(1);
        assertThat(registry.get(a)).isNull();
        assertThat(registry.remove(b)).isNotNull();
        assertThat(registry.remove(b)).isNull();
        assertThat(registry.get(c)).isNotNull();
        assertThat(registry.clear()).isEqualTo(1);
        assertThat(registry.size()).isZero();
        assertThat(health.snapshot().signals().get(SignalType.TRACES).dropped()).isEqualTo(1);
    }

    /**
     * Eviction keeps the oldest spans of one scan as candidates; a candidate ended since is skipped and, once
     * they are used up, a new scan finds the oldest still open — by start, not by when the scan ran.
     */
    @Test
    void evictsTheOldestStillOpenWhenEarlierCandidatesHaveEnded() {
        ExportHealth health = new ExportHealth(10, "tfs_x");
        SpanRegistry registry = new SpanRegistry(4, health); // two candidates per scan
        var real = ClientInternals.runtime(client).tracer();
        List<String> ids = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            ids.add(registry.register(real.spanBuilder(name).startSpan()));
        }
        assertThat(registry.get(ids.get(0))).as("a, the oldest, evicted").isNull();
        assertThat(registry.remove(ids.get(1))).as("b ended while it is the next candidate").isNotNull();
        ids.add(registry.register(real.spanBuilder("f").startSpan()));
        assertThat(registry.size()).isEqualTo(4);
        ids.add(registry.register(real.spanBuilder("g").startSpan()));

        assertThat(registry.get(ids.get(2))).as("c, the oldest still open, evicted").isNull();
        assertThat(registry.ids()).containsExactly(ids.get(3), ids.get(4), ids.get(5), ids.get(6));
        assertThat(registry.overflowCount()).isEqualTo(2);
        assertThat(health.snapshot().signals().get(SignalType.TRACES).dropped()).isEqualTo(2);
    }

    /**
     * Far below the cap only a sample of registrations reads the size; near it every one does, so a cap
     * above the unchecked margin still holds exactly: not one span more, every overflow counted.
     */
    @Test
    void aLargeCapHoldsExactlyThoughFarBelowItTheSizeIsSampled() {
        ExportHealth health = new ExportHealth(10, "tfs_x");
        int cap = SpanRegistry.UNCHECKED_MARGIN * 3;
        SpanRegistry registry = new SpanRegistry(cap, health);
        var real = ClientInternals.runtime(client).tracer();
        for (int i = 0; i < cap + 500; i++) {
            registry.register(real.spanBuilder("s").startSpan());
            assertThat(registry.size()).isLessThanOrEqualTo(cap);
        }
        assertThat(registry.size()).isEqualTo(cap);
        assertThat(registry.overflowCount()).isEqualTo(500);
        assertThat(health.snapshot().signals().get(SignalType.TRACES).dropped()).isEqualTo(500);
    }
}
