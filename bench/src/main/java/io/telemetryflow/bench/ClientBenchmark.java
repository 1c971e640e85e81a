package io.telemetryflow.bench;

import io.telemetryflow.sdk.TelemetrySpan;
import io.telemetryflow.sdk.domain.SpanKind;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** Ours: the injected {@code TelemetryClient} and {@code Event<RecordCounterCommand>.fire}. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// 10 warm-ups: with 5, ClientBenchmark's first measured iteration was still ~30 % slower in every fork (RESULTS.md, 3 December).
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ClientBenchmark {

    @Benchmark
    public void incrementCounter(CdiState s) {
        s.client.incrementCounter("bench.client.counter", 1, Bench.MAP);
    }

    @Benchmark
    public void recordHistogram(CdiState s) {
        s.client.recordHistogram("bench.client.histogram", 0.005, "s", Bench.MAP);
    }

    @Benchmark
    public void recordGauge(CdiState s) {
        s.client.recordGauge("bench.client.gauge", 17, Bench.MAP);
    }

    @Benchmark
    public void logInfo(CdiState s) {
        s.client.logInfo("bench log message", Bench.MAP);
    }

    /** {@code try (TelemetrySpan span = client.span(name)) {}}: started, current, ended. */
    @Benchmark
    public void span(CdiState s) {
        try (TelemetrySpan ignored = s.client.span("bench.client.span")) {
            // no-op body
        }
    }

    /** {@code endSpan(startSpan(name))}: a span by id through the bounded span registry (not made current). */
    @Benchmark
    public void startEndSpan(CdiState s) {
        s.client.endSpan(s.client.startSpan("bench.client.span"));
    }

    /** The same from two threads at once: what the span registry costs when threads share it. */
    @Benchmark
    @Threads(2)
    public void startEndSpanTwoThreads(CdiState s) {
        startEndSpan(s);
    }

    /** {@code endSpan(startSpan(name, INTERNAL, map))}: with attributes from the map. */
    @Benchmark
    public void startEndSpanWithMap(CdiState s) {
        s.client.endSpan(s.client.startSpan("bench.client.span", SpanKind.INTERNAL, Bench.MAP));
    }

    /** A span by id with one event carrying the map. */
    @Benchmark
    public void spanEvent(CdiState s) {
        String id = s.client.startSpan("bench.client.span");
        s.client.addSpanEvent(id, "bench.event", Bench.MAP);
        s.client.endSpan(id);
    }

    /** {@code recordMetric(name, v, unit, map)}: a gauge with a unit. */
    @Benchmark
    public void recordMetric(CdiState s) {
        s.client.recordMetric("bench.client.metric", 17, "By", Bench.MAP);
    }

    /** {@code Event<RecordCounterCommand>.fire(RecordCounterCommand.of(name, 1, map))} to our synchronous observer. */
    @Benchmark
    public void eventFireCounter(CdiState s) {
        s.commands.fireCounter();
    }
}
