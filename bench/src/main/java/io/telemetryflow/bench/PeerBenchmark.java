package io.telemetryflow.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** The peers on the same Weld SE container and bean: SmallRye OpenTelemetry and SmallRye Metrics. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// 10 warm-ups: with 5, ClientBenchmark's first measured iteration was still ~30 % slower in every fork (RESULTS.md, 3 December).
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PeerBenchmark {

    /** MicroProfile Telemetry: SmallRye OpenTelemetry 2.6.0's {@code @WithSpan} interceptor. */
    @Benchmark
    public void smallRyeWithSpan(CdiState s) {
        s.service.withSpan();
    }

    /** MicroProfile Metrics 5: SmallRye Metrics 5.0.1's {@code @Counted} interceptor (Micrometer Prometheus registry). */
    @Benchmark
    public void smallRyeMetricsCounted(CdiState s) {
        s.service.mpCounted();
    }
}
