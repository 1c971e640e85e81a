package io.telemetryflow.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Intercepted calls on a {@code @Dependent} Weld SE bean with a no-op body: no interceptor,
 * the bench's no-op interceptor (the floor of Weld's machinery), and ours.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// 10 warm-ups: with 5, ClientBenchmark's first measured iteration was still ~30 % slower in every fork (RESULTS.md, 3 December).
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class InterceptorBenchmark {

    @Benchmark
    public void plain(CdiState s) {
        s.service.plain();
    }

    @Benchmark
    public void noopInterceptor(CdiState s) {
        s.service.noop();
    }

    @Benchmark
    public void counted(CdiState s) {
        s.service.counted();
    }

    @Benchmark
    public void timed(CdiState s) {
        s.service.timed();
    }

    @Benchmark
    public void traced(CdiState s) {
        s.service.traced();
    }

    /** The {@code @Traced} floor: the raw SDK's span by a hand-written interceptor on the same call path. */
    @Benchmark
    public void handSpan(CdiState s) {
        s.service.handSpan();
    }

    /** The {@code @Counted} floor: the raw SDK's counter by a hand-written interceptor on the same call path. */
    @Benchmark
    public void handCounter(CdiState s) {
        s.service.handCounter();
    }

    /** The {@code @Timed} floor: the raw SDK's histogram by a hand-written interceptor on the same call path. */
    @Benchmark
    public void handTimer(CdiState s) {
        s.service.handTimer();
    }
}
