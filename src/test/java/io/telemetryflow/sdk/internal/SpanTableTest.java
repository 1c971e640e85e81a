package io.telemetryflow.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SpanTable} against a {@link HashMap} model, under growth, removal across wrapped probe runs, and threads. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpanTableTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    private static Span span(String spanId) {
        return Span.wrap(SpanContext.create(TRACE_ID, spanId, TraceFlags.getSampled(), TraceState.getDefault()));
    }

    private static String randomId(Random random) {
        long v;
        do {
            v = random.nextLong();
        } while (v == 0);
        return String.format("%016x", v);
    }

    @Test
    void randomPutsGetsAndRemovesAgreeWithAMap() {
        Random random = new Random(42);
        // a small pool: ids come back after removal, and with up to 400 kept each stripe's tables grow and probe
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            pool.add(randomId(random));
        }
        SpanTable table = new SpanTable();
        Map<String, Span> model = new HashMap<>();
        for (int op = 0; op < 300_000; op++) {
            String id = pool.get(random.nextInt(pool.size()));
            switch (random.nextInt(3)) {
                case 0 -> {
                    Span s = span(id);
                    table.put(s);
                    model.put(id, s);
                }
                case 1 -> assertThat(table.remove(id)).as("remove %s at op %d", id, op).isSameAs(model.remove(id));
                default -> assertThat(table.get(id)).as("get %s at op %d", id, op).isSameAs(model.get(id));
            }
            if (op % 1000 == 0) {
                assertThat(table.size()).isEqualTo(model.size());
            }
        }
        for (String id : pool) {
            assertThat(table.get(id)).as("finally %s", id).isSameAs(model.get(id));
        }
        Set<Span> seen = new HashSet<>();
        table.forEach(seen::add);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(model.values());
        assertThat(table.clear()).isEqualTo(model.size());
        assertThat(table.size()).isZero();
        assertThat(table.get(pool.get(0))).isNull();
    }

    @Test
    void aSecondPutUnderTheSameIdReplacesTheFirst() {
        SpanTable table = new SpanTable();
        Span first = span("00f067aa0ba902b7");
        Span second = span("00f067aa0ba902b7");
        table.put(first);
        table.put(second);
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.remove("00f067aa0ba902b7")).isSameAs(second);
        assertThat(table.remove("00f067aa0ba902b7")).isNull();
    }

    @Test
    void threadsPuttingAndRemovingTheirOwnSpansLoseNoneAndKeepNoneTooMany() throws Exception {
        SpanTable table = new SpanTable();
        int threads = 4;
        int perThread = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        List<List<String>> kept = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<String> mine = new ArrayList<>();
            kept.add(mine);
            Random random = new Random(t);
            Thread w = new Thread(() -> {
                try {
                    start.await();
                    List<String> open = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String id = randomId(random);
                        table.put(span(id));
                        open.add(id);
                        if (i % 3 != 0) { // remove two of every three, some right away, some later
                            String gone = open.remove(random.nextInt(open.size()));
                            if (table.remove(gone) == null) {
                                throw new AssertionError("lost " + gone);
                            }
                        }
                    }
                    mine.addAll(open);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(w.isAlive()).isFalse();
        }
        assertThat(failure.get()).isNull();
        int expected = kept.stream().mapToInt(List::size).sum();
        assertThat(table.size()).isEqualTo(expected);
        for (List<String> ids : kept) {
            for (String id : ids) {
                assertThat(table.get(id)).as(id).isNotNull();
            }
        }
    }

    @Test
    void putAndRemoveAllocateNothingOnceTheTablesHaveGrown() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SpanTable table = new SpanTable();
        Span[] spans = new Span[256];
        Random random = new Random(7);
        for (int i = 0; i < spans.length; i++) {
            spans[i] = span(randomId(random));
            spans[i].getSpanContext().getSpanId().hashCode(); // as the SDK's id would be, once hashed
        }
        Runnable round = () -> {
            for (Span s : spans) {
                table.put(s);
            }
            for (Span s : spans) {
                table.get(s.getSpanContext().getSpanId());
                table.remove(s.getSpanContext().getSpanId());
            }
        };
        for (int i = 0; i < 2_000; i++) {
            round.run(); // grown, and compiled
        }
        long self = Thread.currentThread().getId();
        int rounds = 400;
        long before = threads.getThreadAllocatedBytes(self);
        for (int i = 0; i < rounds; i++) {
            round.run();
        }
        long bytes = threads.getThreadAllocatedBytes(self) - before;
        // a map node per put would be 32 B x 102 400 puts, about 3.3 MB; allow the odd allocation of the harness
        assertThat(bytes).as("bytes allocated by %d puts, gets and removes", rounds * spans.length)
            .isLessThan(64 * 1024);
        assertThat(table.size()).isZero();
    }
}
