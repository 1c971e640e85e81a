package io.telemetryflow.bench;

import io.smallrye.metrics.legacyapi.LegacyMetricsExtension;
import io.smallrye.opentelemetry.implementation.cdi.OpenTelemetryExtension;
import io.telemetryflow.cdi.TelemetryFlowExtension;
import io.telemetryflow.cdi.internal.CountedInterceptor;
import io.telemetryflow.cdi.internal.TimedInterceptor;
import io.telemetryflow.cdi.internal.TracedInterceptor;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One Weld SE container per fork with our portable extension (configured from MicroProfile
 * Config, i.e. SmallRye Config reading the system properties set here), SmallRye OpenTelemetry's
 * and SmallRye Metrics' extensions, and the bench beans. Every exporter points at one local
 * {@link OtlpReceiver} over OTLP/gRPC.
 *
 * <p>Discovery is off and the bean classes are listed: the shaded benchmark jar is one big
 * archive, and scanning it would make Weld load every class of every dependency. The set of beans,
 * interceptors and extensions is what discovery would find in an application using the three
 * libraries.
 */
@State(Scope.Benchmark)
public class CdiState {

    OtlpReceiver receiver;
    io.opentelemetry.sdk.OpenTelemetrySdk rawSdk;
    WeldContainer container;
    BenchService service;
    CommandSource commands;
    TelemetryClient client;

    /**
     * Boots on a thread of its own, as an application server boots before its request threads serve. The
     * boot leaves a dozen thread locals (Weld, SmallRye Config) on the thread that runs it; among them,
     * OpenTelemetry's context and id-buffer thread locals collided in the map's table, so every lookup
     * probed: {@code ThreadLocal.get} was a fifth of {@code startEndSpan}'s JFR samples there, 0.25 % in
     * the raw floor's fork, and booting elsewhere took {@code startEndSpan} from 434 to 335 ns. Neither the
     * raw floors nor a request thread of a real server pay that.
     */
    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread boot = new Thread(() -> {
            try {
                boot();
            } catch (Throwable e) {
                failure[0] = e; // read after join(), which orders it
            }
        }, "bench-cdi-boot");
        boot.start();
        boot.join();
        if (failure[0] != null) {
            throw new IllegalStateException("the CDI benchmark state did not start", failure[0]);
        }
    }

    private void boot() {
        receiver = OtlpReceiver.start();
        // Our extension: MicroProfile Config keys of DESIGN §4 (all other keys at their defaults).
        Bench.setProperty("telemetryflow.api-key-id", Bench.KEY_ID);
        Bench.setProperty("telemetryflow.api-key-secret", Bench.KEY_SECRET);
        Bench.setProperty("telemetryflow.endpoint", Bench.HTTP_PIPELINE ? receiver.httpEndpoint() : receiver.grpcEndpoint());
        Bench.setProperty("telemetryflow.protocol", Bench.HTTP_PIPELINE ? "http" : "grpc");
        Bench.setProperty("telemetryflow.insecure", "true");
        Bench.setProperty("telemetryflow.metrics.runtime.enabled", "false"); // see bench/pom.xml
        Bench.setProperty("telemetryflow.service-name", Bench.SERVICE);
        // SmallRye Metrics: its default Micrometer backend (Prometheus registry).
        Bench.setProperty("mp.metrics.prometheus.enabled", "true");
        // SmallRye OpenTelemetry: the same trace pipeline as ours (its metrics and logs are off by its default).
        SmallRyeOtelConfig.properties = smallRyeOtelProperties(receiver);

        // The hand-written floors' raw SDK: the same pipeline settings as ours, to the same place.
        rawSdk = RawSdk.create(receiver, !Bench.HTTP_PIPELINE);
        HandSpanInterceptor.tracer = rawSdk.getTracer("bench.hand");
        HandTimerInterceptor.histogram = RawSdk.secondsHistogram(rawSdk, "bench.hand", "bench.hand.duration");
        HandCounterInterceptor.counter = rawSdk.getMeter("bench.hand").counterBuilder("bench.hand.counted").build();
        container = new Weld("bench").disableDiscovery()
            .addExtension(new TelemetryFlowExtension())
            .addExtension(new OpenTelemetryExtension())
            .addExtension(new LegacyMetricsExtension())
            .addBeanClasses(BenchService.class, CommandSource.class, NoopInterceptor.class,
                SmallRyeOtelConfig.class, CountedInterceptor.class, TimedInterceptor.class, TracedInterceptor.class,
                HandSpanInterceptor.class, HandTimerInterceptor.class, HandCounterInterceptor.class)
            .initialize();
        service = container.select(BenchService.class).get();
        commands = container.select(CommandSource.class).get();
        client = container.select(TelemetryClient.class).get();
        // Every call path once, so a broken setup fails here rather than measuring an exception path.
        service.plain();
        service.noop();
        service.counted();
        service.timed();
        service.traced();
        service.handSpan();
        service.handTimer();
        service.handCounter();
        service.withSpan();
        service.mpCounted();
        commands.fireCounter();
    }

    /** Bounds the receiver's memory: what it decoded is not needed by these benchmarks. */
    @TearDown(Level.Iteration)
    public void forgetReceived() {
        receiver.clear();
    }

    @TearDown(Level.Trial)
    public void stop() {
        try {
            container.shutdown();
            rawSdk.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            receiver.stop();
        }
    }

    static Map<String, String> smallRyeOtelProperties(OtlpReceiver receiver) {
        Map<String, String> p = new HashMap<>();
        p.put("otel.sdk.disabled", "false");
        p.put("otel.service.name", Bench.SERVICE);
        p.put("otel.resource.attributes", "service.version=" + Bench.SERVICE_VERSION
            + ",service.namespace=" + Bench.NAMESPACE + ",deployment.environment.name=" + Bench.ENVIRONMENT);
        p.put("otel.traces.exporter", "otlp");
        p.put("otel.metrics.exporter", "none");
        p.put("otel.logs.exporter", "none");
        p.put("otel.propagators", "tracecontext,baggage");
        p.put("otel.exporter.otlp.protocol", "grpc");
        p.put("otel.exporter.otlp.endpoint", receiver.grpcEndpoint());
        p.put("otel.exporter.otlp.headers", Bench.exportHeaders().entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
            .collect(Collectors.joining(",")));
        p.put("otel.exporter.otlp.compression", "gzip");
        p.put("otel.exporter.otlp.timeout", String.valueOf(Bench.TIMEOUT.toMillis()));
        p.put("otel.bsp.schedule.delay", String.valueOf(Bench.BATCH_DELAY.toMillis()));
        p.put("otel.bsp.max.queue.size", String.valueOf(Bench.MAX_QUEUE_SIZE));
        p.put("otel.bsp.max.export.batch.size", String.valueOf(Bench.BATCH_MAX_SIZE));
        p.put("otel.bsp.export.timeout", String.valueOf(Bench.TIMEOUT.multipliedBy(Bench.MAX_RETRIES + 1L).toMillis()));
        return Map.copyOf(p);
    }
}
