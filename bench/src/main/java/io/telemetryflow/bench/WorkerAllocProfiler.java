package io.telemetryflow.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Bytes allocated per operation by the benchmark threads only ({@code -prof
 * io.telemetryflow.bench.WorkerAllocProfiler}, result {@code worker.alloc.norm}).
 *
 * <p>JMH's {@code -prof gc} ({@code gc.alloc.rate.norm}) counts every thread of the JVM, here
 * also the batch processors' export threads and the in-process OTLP receiver decoding what they
 * send. This profiler sums {@code getThreadAllocatedBytes} over the JMH worker threads, so it shows
 * what the measured call itself allocates on the caller's thread.
 */
public class WorkerAllocProfiler implements InternalProfiler {

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private Map<Long, Long> before = Map.of();

    @Override
    public String getDescription() {
        return "bytes allocated per op by the JMH worker threads only";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = snapshot();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        Map<Long, Long> after = snapshot();
        long bytes = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            long start = before.getOrDefault(e.getKey(), 0L);
            if (e.getValue() >= 0 && start >= 0) {
                bytes += e.getValue() - start;
            }
        }
        long ops = result.getMetadata().getAllOps();
        double norm = ops == 0 ? Double.NaN : (double) bytes / ops;
        return List.of(new ScalarResult("worker.alloc.norm", norm, "B/op", AggregationPolicy.AVG));
    }

    private Map<Long, Long> snapshot() {
        Map<Long, Long> bytes = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("jmh-worker")) {
                bytes.put(t.getId(), threads.getThreadAllocatedBytes(t.getId()));
            }
        }
        return bytes;
    }
}
