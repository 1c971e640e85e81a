package io.telemetryflow.bench;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The raw OpenTelemetry SDK ({@link RawSdk}, OTLP/gRPC to a local receiver) and its instruments, built once. */
@State(Scope.Benchmark)
public class RawState {

    OtlpReceiver receiver;
    DoubleHistogram timedHistogram;
    OpenTelemetrySdk sdk;
    Tracer tracer;
    LongCounter counter;
    DoubleHistogram histogram;
    Logger logger;
    io.opentelemetry.api.metrics.DoubleGauge gauge;
    /** What {@code @Traced} puts on its span, built once (as the interceptor does). */
    Attributes tracedAttributes;
    /** What {@code @Timed} records with on success, built once (as the interceptor does). */
    Attributes timedAttributes;

    @Setup(Level.Trial)
    public void start() {
        receiver = OtlpReceiver.start();
        sdk = RawSdk.create(receiver, !Bench.HTTP_PIPELINE);
        tracer = sdk.getTracer("bench.raw");
        counter = sdk.getMeter("bench.raw").counterBuilder("bench.raw.counter").build();
        histogram = sdk.getMeter("bench.raw").histogramBuilder("bench.raw.histogram").setUnit("s").build();
        logger = sdk.getLogsBridge().get("bench.raw");
        gauge = sdk.getMeter("bench.raw").gaugeBuilder("bench.raw.gauge").build();
        tracedAttributes = Attributes.of(Bench.CODE_FUNCTION, BenchService.class.getName() + ".traced");
        timedAttributes = Attributes.of(Bench.CODE_FUNCTION, BenchService.class.getName() + ".timed");
        timedHistogram = RawSdk.secondsHistogram(sdk, "bench.raw", "bench.raw.duration");
    }

    @TearDown(Level.Iteration)
    public void forgetReceived() {
        receiver.clear();
    }

    @TearDown(Level.Trial)
    public void stop() {
        try {
            sdk.shutdown().join(10, TimeUnit.SECONDS);
        } finally {
            receiver.stop();
        }
    }
}
