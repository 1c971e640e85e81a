package io.telemetryflow.bench;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.TelemetrySpan;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Export throughput: spans per second from 2 threads, each op one span (started, current,
 * ended), through our client or the raw SDK (same batch processor and exporter settings) to the
 * local {@link OtlpReceiver}, over OTLP/gRPC and OTLP/HTTP.
 *
 * <p>{@code load=paced}: producers keep at most {@link SpanWindow#WINDOW} spans ahead of what the
 * receiver decoded, so the score is the delivered rate and no span may be dropped.
 * {@code load=flood}: producers never wait; the score is the offered rate and the overflow is
 * dropped. After each measurement iteration the pipeline is flushed and the spans emitted,
 * received and dropped are counted; each fork prints an {@code EXPORT} line with the totals.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
// 12 warm-ups: with 3, the paced rates still rose through measurement (RESULTS.md, 3 December).
@Warmup(iterations = 12, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ExportThroughputBenchmark {

    /** Shared by both implementations: the receiver, the window and the per-fork accounting. */
    @State(Scope.Benchmark)
    public abstract static class Pipeline {
        @Param({"grpc", "http"})
        public String protocol;
        @Param({"paced", "flood"})
        public String load;
        /**
         * {@code auto}: the client's default (to this loopback receiver: none on both protocols); {@code gzip}
         * and {@code none}: set explicitly, as a remote gRPC endpoint's default and as uncompressed. The raw SDK
         * compresses exactly when ours does.
         */
        @Param({"auto"})
        public String compression;
        /**
         * How long the receiver waits before answering each export ({@link OtlpReceiver#answerAfter}): 0 for the
         * loopback, a few milliseconds for a backend across a network.
         */
        @Param({"0"})
        public int answerDelayMillis;

        OtlpReceiver receiver;
        SpanWindow window;
        private long iterationStart;
        private long[] healthAtStart;
        private long totalEmitted;
        private long totalReceived;
        private long totalDropped;
        private long totalHealthDropped;
        private long totalHealthFailed;
        private long totalNanos;

        abstract String name();

        abstract void startPipeline(boolean grpc);

        abstract boolean flush();

        /** Dropped and failed spans as counted by the implementation, or -1 if it does not count them. */
        abstract long[] healthCounters();

        abstract void stopPipeline();

        @Setup(Level.Trial)
        public void start() {
            if (Bench.DISCARD_PIPELINE) {
                throw new IllegalStateException("ExportThroughputBenchmark measures export to the receiver:"
                    + " run it without -Dbench.pipeline=discard");
            }
            receiver = OtlpReceiver.start().answerAfter(Duration.ofMillis(answerDelayMillis));
            window = new SpanWindow(receiver, load.equals("paced"));
            startPipeline(protocol.equals("grpc"));
        }

        @Setup(Level.Iteration)
        public void startIteration() {
            healthAtStart = healthCounters();
            iterationStart = System.nanoTime();
        }

        /** Flushes, counts what arrived, and starts the next iteration from an empty pipeline. */
        @TearDown(Level.Iteration)
        public void endIteration(IterationParams iteration) {
            long nanos = System.nanoTime() - iterationStart;
            boolean flushed = flush();
            long emitted = window.emittedCount();
            long received = window.refresh();
            long[] after = healthCounters();
            if (iteration.getType() == IterationType.MEASUREMENT) {
                totalEmitted += emitted;
                totalReceived += received;
                totalDropped += emitted - received;
                totalNanos += nanos;
                if (after[0] >= 0) {
                    totalHealthDropped += after[0] - healthAtStart[0];
                    totalHealthFailed += after[1] - healthAtStart[1];
                } else {
                    totalHealthDropped = -1;
                    totalHealthFailed = -1;
                }
            }
            if (!flushed) {
                System.out.println("EXPORT-WARNING flush did not complete in time: " + name());
            }
            window.reset();
        }

        @TearDown(Level.Trial)
        public void stop() {
            System.out.printf(Locale.ROOT,
                "%nEXPORT impl=%s protocol=%s load=%s compression=%s answerDelayMillis=%d emitted=%d received=%d dropped(emitted-received)=%d"
                    + " health.dropped=%s health.failed=%s delivered/s=%.0f%n",
                name(), protocol, load, compression, answerDelayMillis, totalEmitted, totalReceived, totalDropped,
                totalHealthDropped < 0 ? "n/a" : Long.toString(totalHealthDropped),
                totalHealthFailed < 0 ? "n/a" : Long.toString(totalHealthFailed),
                totalNanos == 0 ? 0.0 : totalReceived * 1e9 / totalNanos);
            try {
                stopPipeline();
            } finally {
                receiver.stop();
            }
        }
    }

    /** Our client, built without CDI, default settings, pointed at the receiver. */
    @State(Scope.Benchmark)
    public static class Ours extends Pipeline {
        TelemetryClient client;

        @Override
        String name() {
            return "telemetryflow";
        }

        @Override
        void startPipeline(boolean grpc) {
            var b = TelemetryClient.builder().apiKey(Bench.KEY_ID, Bench.KEY_SECRET)
                .service(Bench.SERVICE, Bench.SERVICE_VERSION).insecure(true);
            if (!compression.equals("auto")) {
                b.compression(compression.equals("gzip"));
            }
            client = (grpc ? b.grpc().endpoint(receiver.grpcEndpoint()) : b.http().endpoint(receiver.httpEndpoint()))
                .build().initialize();
        }

        @Override
        boolean flush() {
            return client.flush(Duration.ofSeconds(60));
        }

        @Override
        long[] healthCounters() {
            SignalHealth h = client.health().signals().get(SignalType.TRACES);
            return new long[] {h.dropped(), h.failed()};
        }

        @Override
        void stopPipeline() {
            client.shutdown(Duration.ofSeconds(10));
        }
    }

    /** The raw SDK with the same processor and exporter settings ({@link RawSdk}). */
    @State(Scope.Benchmark)
    public static class Raw extends Pipeline {
        OpenTelemetrySdk sdk;
        Tracer tracer;

        @Override
        String name() {
            return "raw-otel";
        }

        @Override
        void startPipeline(boolean grpc) {
            sdk = RawSdk.create(receiver, grpc, compression.equals("gzip"));
            tracer = sdk.getTracer("bench.raw");
        }

        @Override
        boolean flush() {
            return sdk.getSdkTracerProvider().forceFlush().join(60, TimeUnit.SECONDS).isSuccess();
        }

        @Override
        long[] healthCounters() {
            return new long[] {-1, -1};
        }

        @Override
        void stopPipeline() {
            sdk.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Benchmark
    public void telemetryFlowClient(Ours s) {
        try (TelemetrySpan ignored = s.client.span("bench.export")) {
            // no-op body
        }
        s.window.emitted();
    }

    @Benchmark
    public void rawOtel(Raw s) {
        Span span = s.tracer.spanBuilder("bench.export").setSpanKind(SpanKind.INTERNAL).startSpan();
        try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
            // no-op body
        }
        span.end();
        s.window.emitted();
    }
}
