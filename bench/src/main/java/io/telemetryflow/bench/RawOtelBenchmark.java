package io.telemetryflow.bench;

import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** The floor: the raw OpenTelemetry SDK doing each piece of work by hand. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// 10 warm-ups: with 5, ClientBenchmark's first measured iteration was still ~30 % slower in every fork (RESULTS.md, 3 December).
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class RawOtelBenchmark {

    /** {@code LongCounter.add} with pre-built {@code Attributes}. */
    @Benchmark
    public void counterAdd(RawState s) {
        s.counter.add(1, Bench.PREBUILT);
    }

    /** {@code LongCounter.add} with {@code Attributes} built from the same map on every call. */
    @Benchmark
    public void counterAddFromMap(RawState s) {
        s.counter.add(1, Bench.fromMap(Bench.MAP));
    }

    /** {@code DoubleHistogram.record} with pre-built {@code Attributes}. */
    @Benchmark
    public void histogramRecord(RawState s) {
        s.histogram.record(0.005, Bench.PREBUILT);
    }

    /** {@code DoubleHistogram.record} with {@code Attributes} built from the same map on every call. */
    @Benchmark
    public void histogramRecordFromMap(RawState s) {
        s.histogram.record(0.005, Bench.fromMap(Bench.MAP));
    }

    /** {@code DoubleGauge.set} with {@code Attributes} built from the same map on every call. */
    @Benchmark
    public void gaugeSetFromMap(RawState s) {
        s.gauge.set(17, Bench.fromMap(Bench.MAP));
    }

    /** A log record with a timestamp, severity, severity text, body and attributes built from the map. */
    @Benchmark
    public void logEmitFromMap(RawState s) {
        s.logger.logRecordBuilder().setTimestamp(System.currentTimeMillis(), TimeUnit.MILLISECONDS)
            .setSeverity(Severity.INFO).setSeverityText("INFO")
            .setBody("bench log message").setAllAttributes(Bench.fromMap(Bench.MAP)).emit();
    }

    /** A log record: severity, severity text, body, pre-built attributes. */
    @Benchmark
    public void logEmit(RawState s) {
        s.logger.logRecordBuilder().setSeverity(Severity.INFO).setSeverityText("INFO")
            .setBody("bench log message").setAllAttributes(Bench.PREBUILT).emit();
    }

    /** A span started, made current, closed and ended (what {@code client.span(name)} does). */
    @Benchmark
    public void span(RawState s) {
        Span span = s.tracer.spanBuilder("bench.raw.span").setSpanKind(SpanKind.INTERNAL).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            // no-op body
        }
        span.end();
    }

    /** The same with the attribute {@code @Traced} sets (pre-built): the {@code @Traced} floor. */
    @Benchmark
    public void spanTracedEquivalent(RawState s) {
        Span span = s.tracer.spanBuilder("BenchService.traced").setSpanKind(SpanKind.INTERNAL)
            .setAllAttributes(s.tracedAttributes).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            // no-op body
        }
        span.end();
    }

    /** What {@code @Timed} does by hand: two clock reads and a record in seconds with pre-built attributes. */
    @Benchmark
    public void timedEquivalent(RawState s) {
        long start = System.nanoTime();
        // no-op body
        s.timedHistogram.record((System.nanoTime() - start) / 1e9, s.timedAttributes);
    }

    /** A span started and ended, not made current ({@code client.endSpan(client.startSpan(name))}). */
    @Benchmark
    public void startEndSpan(RawState s) {
        s.tracer.spanBuilder("bench.raw.span").setSpanKind(SpanKind.INTERNAL).startSpan().end();
    }

    /** The same from two threads at once ({@code ClientBenchmark.startEndSpanTwoThreads}). */
    @Benchmark
    @Threads(2)
    public void startEndSpanTwoThreads(RawState s) {
        startEndSpan(s);
    }

    /** The same with attributes built from the map ({@code startSpan(name, INTERNAL, map)}). */
    @Benchmark
    public void startEndSpanFromMap(RawState s) {
        s.tracer.spanBuilder("bench.raw.span").setSpanKind(SpanKind.INTERNAL)
            .setAllAttributes(Bench.fromMap(Bench.MAP)).startSpan().end();
    }

    /** A span with one event whose attributes are built from the map ({@code addSpanEvent(id, name, map)}). */
    @Benchmark
    public void spanEventFromMap(RawState s) {
        Span span = s.tracer.spanBuilder("bench.raw.span").setSpanKind(SpanKind.INTERNAL).startSpan();
        span.addEvent("bench.event", Bench.fromMap(Bench.MAP));
        span.end();
    }
}
