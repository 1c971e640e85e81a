package io.telemetryflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one call allocates, by class: runs a span call of ours or its raw-SDK floor {@code n} times and prints the
 * difference of two class histograms of every object allocated, per call. B/op from JMH says how much; this says
 * what, which a sampling profiler only estimates. Meant for a JVM that never collects and does not scalar-replace,
 * so each allocation the code asks for is counted once (the JIT's escape analysis can only remove some of them):
 *
 * <pre>{@code
 * java -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xms8g -Xmx8g -XX:-DoEscapeAnalysis \
 *     -Dbench.pipeline=discard -cp bench/target/benchmarks.jar io.telemetryflow.bench.AllocationHistogram \
 *     ours|raw event|startEnd [n]
 * }</pre>
 *
 * <p>All threads are counted, the export thread's allocations included; the histograms come from {@code jcmd
 * <pid> GC.class_histogram -all} (unreachable objects too), so {@code jcmd} of the running JDK must be on the PATH.
 */
public final class AllocationHistogram {

    private static final int WARMUP = 200_000;

    private AllocationHistogram() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: AllocationHistogram ours|raw event|startEnd [n]");
            System.exit(2);
        }
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        Runnable call = call(args[0], args[1]);
        for (int i = 0; i < WARMUP; i++) {
            call.run();
        }
        Map<String, long[]> before = histogram();
        for (int i = 0; i < n; i++) {
            call.run();
        }
        Map<String, long[]> after = histogram();
        print(before, after, n);
        System.exit(0); // the states' threads are not daemons
    }

    /** The benchmark method itself, on its state: ours ({@code ClientBenchmark}) or the floor ({@code RawOtelBenchmark}). */
    private static Runnable call(String impl, String what) throws InterruptedException {
        boolean event = what.equals("event");
        if (impl.equals("ours")) {
            CdiState s = new CdiState();
            s.start();
            ClientBenchmark b = new ClientBenchmark();
            return event ? () -> b.spanEvent(s) : () -> b.startEndSpan(s);
        }
        RawState s = new RawState();
        s.start();
        RawOtelBenchmark b = new RawOtelBenchmark();
        return event ? () -> b.spanEventFromMap(s) : () -> b.startEndSpan(s);
    }

    /** Class name to {instances, bytes} of every object in the heap, reachable or not. */
    private static Map<String, long[]> histogram() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()),
            "GC.class_histogram", "-all").redirectErrorStream(true).start();
        Map<String, long[]> classes = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.trim().split("\\s+"); // "  1:  instances  bytes  class"
                if (f.length >= 4 && f[0].endsWith(":")) {
                    classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
        }
        if (p.waitFor() != 0 || classes.isEmpty()) {
            throw new IllegalStateException("jcmd GC.class_histogram gave nothing (exit " + p.exitValue() + ")");
        }
        return classes;
    }

    /** Per call: the total, then each class allocated at least once every 20 calls, largest first. */
    private static void print(Map<String, long[]> before, Map<String, long[]> after, int n) {
        List<Object[]> rows = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long count = e.getValue()[0] - b[0];
            long bytes = e.getValue()[1] - b[1];
            total += bytes;
            if (count >= n / 20) {
                rows.add(new Object[] {(double) count / n, (double) bytes / n, e.getKey()});
            }
        }
        rows.sort((x, y) -> Double.compare((double) y[1], (double) x[1]));
        System.out.printf(Locale.ROOT, "all threads: %.1f B per call%n%10s %10s  class%n", (double) total / n,
            "objects", "bytes");
        for (Object[] row : rows) {
            System.out.printf(Locale.ROOT, "%10.3f %10.1f  %s%n", row);
        }
    }
}
