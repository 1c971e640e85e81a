package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.telemetryflow.sdk.application.AddSpanEventCommand;
import io.telemetryflow.sdk.application.CommandBus;
import io.telemetryflow.sdk.application.EmitLogCommand;
import io.telemetryflow.sdk.application.EndSpanCommand;
import io.telemetryflow.sdk.application.FlushTelemetryCommand;
import io.telemetryflow.sdk.application.GetHealthQuery;
import io.telemetryflow.sdk.application.QueryBus;
import io.telemetryflow.sdk.application.RecordCounterCommand;
import io.telemetryflow.sdk.application.RecordGaugeCommand;
import io.telemetryflow.sdk.application.RecordHistogramCommand;
import io.telemetryflow.sdk.application.RecordMetricCommand;
import io.telemetryflow.sdk.application.StartSpanCommand;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * The running SDK of one client: the OpenTelemetry SDK, the instrument cache, the span
 * registry, export health, and the command and query buses wired to their handlers.
 */
public final class TelemetryRuntime {

    /** Instrumentation scope name of everything the SDK records. */
    public static final String SCOPE = "io.telemetryflow.sdk";
    /** Instrumentation scope version. */
    public static final String SCOPE_VERSION = SdkVersion.VALUE;

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(TelemetryRuntime.class.getName());

    private final TelemetryConfig config;
    private final OpenTelemetrySdk sdk;
    private final ExportHealth health;
    private final InstrumentCache instruments;
    private final SpanRegistry spans;
    private final SpanCommandHandlers spanHandlers;
    private final MetricCommandHandlers metrics;
    private final LogCommandHandler logHandler;
    private final Tracer tracer;
    private final Meter meter;
    private final Logger logger;
    private final CommandBus commandBus;
    private final RetryBuffers retryBuffers = new RetryBuffers();
    // Per-method metadata of the integrations (CDI interceptors): it lives and dies with this runtime.
    private final java.util.concurrent.ConcurrentMap<java.lang.reflect.Method, Object[]> methodMetadata =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final QueryBus queryBus;
    private final io.telemetryflow.sdk.internal.logging.OtlpLogHandler julHandler;
    private final RuntimeMetrics runtimeMetrics;

    private TelemetryRuntime(TelemetryConfig config) {
        this.config = config;
        this.health = new ExportHealth(config.maxQueueSize(), config.credentials().keySecret(),
            config.credentials().keyId(), config.compression() && config.protocol() == Protocol.HTTP);
        this.sdk = OpenTelemetrySdkFactory.create(config, health, retryBuffers);
        this.tracer = sdk.getTracerProvider().tracerBuilder(SCOPE).setInstrumentationVersion(SCOPE_VERSION).build();
        this.meter = sdk.getMeterProvider().meterBuilder(SCOPE).setInstrumentationVersion(SCOPE_VERSION).build();
        this.logger = sdk.getLogsBridge().loggerBuilder(SCOPE).setInstrumentationVersion(SCOPE_VERSION).build();
        this.instruments = new InstrumentCache(meter, health);
        this.spans = new SpanRegistry(config.maxOpenSpans(), health);
        this.spanHandlers = new SpanCommandHandlers(tracer, spans, health);
        this.metrics = new MetricCommandHandlers(instruments);
        this.logHandler = new LogCommandHandler(logger, config.logBodyLimit());
        this.commandBus = CommandBus.builder()
            .register(RecordCounterCommand.class, metrics::counter)
            .register(RecordGaugeCommand.class, metrics::gauge)
            .register(RecordHistogramCommand.class, metrics::histogram)
            .register(RecordMetricCommand.class, metrics::metric)
            .register(EmitLogCommand.class, logHandler)
            .register(StartSpanCommand.class, spanHandlers::start)
            .register(EndSpanCommand.class, spanHandlers::end)
            .register(AddSpanEventCommand.class, spanHandlers::addEvent)
            .register(FlushTelemetryCommand.class, c -> flush(c.timeout()))
            .build();
        this.queryBus = QueryBuses.create(config, health);
        if (config.julEnabled() && config.isSignalEnabled(io.telemetryflow.sdk.domain.SignalType.LOGS)) {
            // opt-in: application java.util.logging records become OTLP log records
            // the application is the one starting the SDK: its threads carry its class loader
            ClassLoader application = Thread.currentThread().getContextClassLoader();
            this.julHandler = new io.telemetryflow.sdk.internal.logging.OtlpLogHandler(
                sdk.getLogsBridge().loggerBuilder("java.util.logging").build(),
                application != null ? application : TelemetryRuntime.class.getClassLoader());
            java.util.logging.Logger.getLogger("").addHandler(julHandler);
        } else {
            this.julHandler = null;
        }
        if (!config.tls() && !config.isLoopbackEndpoint()) {
            LOG.warning("TelemetryFlow: telemetryflow.insecure=true: the API key is sent in plaintext to "
                + config.endpoint().getHost() + "; use TLS outside development");
        }
        boolean jvmMetrics = config.runtimeMetricsEnabled()
            && config.isSignalEnabled(io.telemetryflow.sdk.domain.SignalType.METRICS);
        this.runtimeMetrics = jvmMetrics ? RuntimeMetrics.startOrNull(sdk) : null;
        LOG.info(LifecycleLog.started(config));
    }

    /** Starts the SDK for an enabled configuration. */
    public static TelemetryRuntime start(TelemetryConfig config) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("configuration is disabled; use a no-op client instead");
        }
        // Before any exporter exists: OpenTelemetry's per-export failure logging is rate-limited,
        // and this client's secret is masked in whatever OpenTelemetry logs.
        OpenTelemetryLogFilter.install();
        Secrets.register(config.credentials().keySecret());
        try {
            return new TelemetryRuntime(config);
        } catch (RuntimeException | Error e) {
            // a start that fails (e.g. an unreadable telemetryflow.tls.* file) leaves nothing JVM-global behind
            Secrets.unregister(config.credentials().keySecret());
            OpenTelemetryLogFilter.uninstall();
            throw e;
        }
    }

    /** The configuration. */
    public TelemetryConfig config() { return config; }

    /** The OpenTelemetry SDK (not registered globally). */
    public OpenTelemetry openTelemetry() { return sdk; }

    /** The SDK's tracer. */
    public Tracer tracer() { return tracer; }

    /** The SDK's meter. */
    public Meter meter() { return meter; }

    /** The SDK's log bridge logger. */
    public Logger logger() { return logger; }

    /** The instrument cache (shared by the client, events and interceptors). */
    public InstrumentCache instruments() { return instruments; }

    /** The registry of spans started by id. */
    public SpanRegistry spanRegistry() { return spans; }

    /** The metric handlers. */
    public MetricCommandHandlers metricHandlers() { return metrics; }

    /** The log command handler (the client's direct log path uses it too). */
    public LogCommandHandler logHandler() { return logHandler; }

    /** The span handlers. */
    public SpanCommandHandlers spanHandlers() { return spanHandlers; }

    /** Export health. */
    public ExportHealth health() { return health; }

    /** The command bus. */
    public CommandBus commandBus() { return commandBus; }

    /** The query bus ({@link GetHealthQuery} always; the HTTP queries when a query endpoint is set). */
    public QueryBus queryBus() { return queryBus; }

    /** Exports everything buffered, waiting at most {@code timeout}; {@code true} if all signals flushed. */
    public Boolean flush(Duration timeout) {
        CompletableResultCode all = CompletableResultCode.ofAll(List.of(
            sdk.getSdkTracerProvider().forceFlush(),
            sdk.getSdkMeterProvider().forceFlush(),
            sdk.getSdkLoggerProvider().forceFlush()));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis(timeout));
        boolean flushed = all.join(waitMillis(timeout), TimeUnit.MILLISECONDS).isSuccess();
        // What an outage left in the retry buffers counts as not flushed until it is delivered.
        return retryBuffers.awaitEmpty(deadline) && flushed;
    }

    /**
     * Flushes, then shuts the SDK down, waiting at most {@code timeout} in all; open spans are
     * dropped and counted.
     */
    public boolean shutdown(Duration timeout) {
        long wait = waitMillis(timeout);
        if (julHandler != null) {
            java.util.logging.Logger.getLogger("").removeHandler(julHandler);
            julHandler.close();
        }
        int open = spans.clear();
        if (open > 0) {
            health.dropped(io.telemetryflow.sdk.domain.SignalType.TRACES, open);
        }
        // OpenTelemetry's shutdown blocks the calling thread (PeriodicMetricReader waits up to 3 x 5 s
        // for its final export), so it runs on its own daemon thread and the caller waits only
        // for the bound it asked for.
        CompletableResultCode done = new CompletableResultCode();
        Thread stopper = new Thread(() -> {
            try {
                CompletableResultCode sdkDone = sdk.shutdown();
                sdkDone.whenComplete(() -> {
                    if (sdkDone.isSuccess()) {
                        done.succeed();
                    } else {
                        done.fail();
                    }
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "TelemetryFlow: shutdown failed: " + e.getClass().getSimpleName());
                done.fail();
            }
        }, "telemetryflow-shutdown");
        stopper.setDaemon(true);
        stopper.start();
        // Masked in OpenTelemetry's log lines until the exporters are really gone.
        // Released once: here, when the SDK stopped within the wait (so the caller sees it done), or later
        // by the SDK's own completion when it outlives the wait.
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                Secrets.unregister(config.credentials().keySecret());
                OpenTelemetryLogFilter.uninstall();
            }
        };
        done.whenComplete(release);
        boolean stopped = done.join(wait, TimeUnit.MILLISECONDS).isSuccess();
        if (done.isDone()) {
            release.run();
        }
        if (runtimeMetrics != null) {
            runtimeMetrics.close(); // after the final export, which still carries the JVM metrics
        }
        LOG.info(LifecycleLog.stopped(health.snapshot())); // after the final export, or what is left unsent
        return stopped;
    }

    /** A wait bound in milliseconds: {@code null} is a programming error, negative means do not wait. */
    private static long waitMillis(Duration timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException("timeout must not be null");
        }
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Per-method metadata of the integrations, one slot per kind (e.g. interceptor binding) in the
     * array: one lookup per intercepted call, however many bindings a method has. Kept here rather
     * than in a static map, so that a stopped runtime — a redeployed application — takes its
     * instruments and the application's {@code Method}s with it.
     */
    public java.util.concurrent.ConcurrentMap<java.lang.reflect.Method, Object[]> methodMetadata() {
        return methodMetadata;
    }
}
