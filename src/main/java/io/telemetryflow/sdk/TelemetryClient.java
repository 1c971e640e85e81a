package io.telemetryflow.sdk;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.telemetryflow.sdk.application.AddSpanEventCommand;
import io.telemetryflow.sdk.application.Command;
import io.telemetryflow.sdk.application.EmitLogCommand;
import io.telemetryflow.sdk.application.EndSpanCommand;
import io.telemetryflow.sdk.application.GetHealthQuery;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.application.Query;
import io.telemetryflow.sdk.application.RecordCounterCommand;
import io.telemetryflow.sdk.application.RecordGaugeCommand;
import io.telemetryflow.sdk.application.RecordHistogramCommand;
import io.telemetryflow.sdk.application.RecordMetricCommand;
import io.telemetryflow.sdk.application.StartSpanCommand;
import io.telemetryflow.sdk.domain.ConfigKey;
import io.telemetryflow.sdk.domain.Severity;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.SpanKind;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.sdk.domain.TelemetryConfigParser;
import io.telemetryflow.sdk.internal.AttributeMapper;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import java.time.Duration;
import java.util.Map;

/**
 * The TelemetryFlow client: records metrics, logs and traces through OpenTelemetry and OTLP,
 * and reads them back through the TelemetryFlow query API.
 *
 * <p>Create it with {@link #builder()} or {@link #fromEnvironment()}, call {@link #initialize()},
 * and {@link #close()} it when the application stops (flushes, then shuts down). In CDI, inject
 * it instead: the extension manages its life cycle.
 *
 * <p>Record methods never block on export and never throw because of the backend: exports run
 * in the background with bounded queues, and what cannot be queued is dropped and counted in
 * {@link #health()}. They never throw at all: invalid input (blank or invalid names, negative counter
 * increments, non-finite values, null attribute keys) and calls before {@link #initialize()} are not
 * recorded, but counted as {@code rejected} in {@link #health()} and logged once per cause (before
 * {@code initialize()} there is no health to count in: logged once). After {@link #shutdown()}, records
 * are dropped and counted. A client whose configuration is disabled does nothing at all.
 *
 * <p>Bad input, in detail (each case is proven by {@code BadInputCorpusTest}):
 * <ul>
 *   <li><b>Rejected</b> (not recorded, counted as {@code rejected} in {@link #health()}, the cause logged
 *       once, naming the argument and never the API key secret): a {@code null} or blank metric, span or event name, or span
 *       id; a metric name that is not an OpenTelemetry instrument name (must start with a letter;
 *       letters, digits, {@code _ . - /}; at most 255 characters); a negative counter increment; a
 *       NaN or infinite gauge/metric value; a NaN, infinite or negative histogram value; a
 *       {@code null} log severity or message; a {@code null} attribute key. (A {@code null} command,
 *       query or timeout given to {@link #send}, {@link #ask} or {@link #flush(Duration)} is still an
 *       {@link IllegalArgumentException}: those are not record calls.)</li>
 *   <li><b>Accepted, adjusted</b>: a {@code null} attribute map (no attributes); {@code null}
 *       attribute values and blank keys (left out); {@code null} elements of array/collection
 *       values (left out); values of other types (recorded by {@code toString()}, or left out if
 *       that throws); more than 128 attributes (the first 128 are kept); a {@code null} span kind
 *       (INTERNAL); a {@code null} unit (none).</li>
 *   <li><b>No-op, counted</b>: {@link #endSpan} or {@link #addSpanEvent} with an id that is not
 *       open — unknown, ended already (a second {@code endSpan}), or evicted by the open-span cap
 *       ({@code SpanCommandHandlers.unknownSpanIdCount()}); records after {@link #shutdown()}
 *       (dropped in {@link #health()}); records for a new metric name beyond 10 000 distinct
 *       instruments (dropped).</li>
 * </ul>
 */
public final class TelemetryClient implements AutoCloseable {

    private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private enum State { NEW, RUNNING, SHUT_DOWN }

    private final TelemetryConfig config;
    private volatile State state = State.NEW;
    private volatile TelemetryRuntime runtime;
    private final java.util.concurrent.atomic.AtomicBoolean notRunningLogged = new java.util.concurrent.atomic.AtomicBoolean();

    TelemetryClient(TelemetryConfig config) {
        this.config = config;
    }

    /** A builder with the defaults of DESIGN §4. */
    public static TelemetryClientBuilder builder() {
        return new TelemetryClientBuilder();
    }

    /** A client for an already validated configuration (used by the CDI extension). */
    public static TelemetryClient create(TelemetryConfig config) {
        return new TelemetryClient(config);
    }

    /**
     * A client configured from system properties ({@code telemetryflow.*}) and environment
     * variables ({@code TELEMETRYFLOW_*}); system properties win. {@code OTEL_SERVICE_NAME} is the
     * fallback service name; {@code TELEMETRYFLOW_ATTRIBUTES_<KEY>} / {@code telemetryflow.attributes.<key>}
     * add resource attributes.
     *
     * @throws io.telemetryflow.sdk.domain.TelemetryConfigException listing every invalid key
     */
    public static TelemetryClient fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperties());
    }

    static TelemetryClient fromEnvironment(Map<String, String> env, java.util.Properties props) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(props.stringPropertyNames());
        names.addAll(env.keySet());
        TelemetryConfig config = TelemetryConfigParser.parseProperties(
            key -> {
                String v = props.getProperty(key);
                return v != null ? v : env.get(ConfigKey.toEnvName(key));
            },
            names, props.getProperty("otel.service.name", env.get("OTEL_SERVICE_NAME")));
        return new TelemetryClient(config);
    }

    /**
     * Starts the OpenTelemetry SDK and its exporters. Idempotent; does nothing when disabled.
     *
     * @throws IllegalStateException after {@link #shutdown()}, or when the OpenTelemetry SDK on the class
     *     path is older than the one this SDK is built with (the message names both and the fixes)
     */
    public synchronized TelemetryClient initialize() {
        if (state == State.SHUT_DOWN) {
            throw new IllegalStateException("TelemetryClient was shut down; create a new client");
        }
        if (state == State.NEW) {
            if (config.enabled()) {
                io.telemetryflow.sdk.internal.OpenTelemetryVersion.requireSupported();
                runtime = TelemetryRuntime.start(config);
            }
            state = State.RUNNING;
        }
        return this;
    }

    /** Whether {@link #initialize()} ran and {@link #shutdown()} did not. */
    public boolean isInitialized() {
        return state == State.RUNNING;
    }

    /** The configuration. */
    public TelemetryConfig config() {
        return config;
    }

    /**
     * The OpenTelemetry instance the client records through (not registered globally), for
     * advanced use; {@link OpenTelemetry#noop()} when disabled or not initialized.
     */
    public OpenTelemetry openTelemetry() {
        TelemetryRuntime rt = runtime;
        return rt == null || state != State.RUNNING ? OpenTelemetry.noop() : rt.openTelemetry();
    }

    static {
        // The CDI layer reaches the running SDK through this (internal) accessor, not a public method.
        io.telemetryflow.sdk.internal.ClientInternals.install(TelemetryClient::runningRuntime);
    }

    /** The running SDK, or {@code null} when disabled, not initialized or shut down. */
    private TelemetryRuntime runningRuntime() {
        return state == State.RUNNING ? runtime : null;
    }

    // ---------------------------------------------------------------- metrics

    /**
     * Adds {@code value} to the monotonic counter {@code name}.
     *
     * <p>Never throws: a null, blank or invalid name or a {@code value} that is negative is not
     * recorded but counted as rejected in {@link #health()} (logged once per cause), as is a call before
     * {@link #initialize()}.
     *
     * @param name instrument name, e.g. {@code orders.created}
     * @param value increment, at least 0
     * @param attributes data point attributes, may be {@code null} (see the class comment for odd values)
     */
    public void incrementCounter(String name, long value, Map<String, ?> attributes) {
        try {
            if (state == State.RUNNING) {
                TelemetryRuntime rt = runtime;
                if (rt != null) {
                    // Hot path: what dispatching RecordCounterCommand does (same checks, same rejections,
                    // same recording), without the command object and its defensive copy of the map: the
                    // map is read once, here, on the caller's thread (bench/RESULTS.md).
                    RecordCounterCommand.validate(name, value);
                    rt.metricHandlers().addToCounter(name, value, AttributeMapper.toAttributesRejectingNullKeys(attributes));
                    return;
                }
            }
            dispatch(RecordCounterCommand.of(name, value, attributes), SignalType.METRICS);
        } catch (RuntimeException | LinkageError e) {
            rejected(SignalType.METRICS, e);
        }
    }

    /** Adds {@code value} (at least 0) to the counter {@code name}; see {@link #incrementCounter(String, long, Map)}. */
    public void incrementCounter(String name, long value) {
        incrementCounter(name, value, null);
    }

    /** Adds 1 to the counter {@code name}. */
    public void incrementCounter(String name) {
        incrementCounter(name, 1L);
    }

    /**
     * Sets the synchronous gauge {@code name} to {@code value} for these attributes (last value wins).
     *
     * <p>Never throws: a null, blank or invalid name or a {@code value} that is NaN or infinite is not
     * recorded but counted as rejected in {@link #health()} (logged once per cause), as is a call before
     * {@link #initialize()}.
     */
    public void recordGauge(String name, double value, Map<String, ?> attributes) {
        try {
            TelemetryRuntime rt = state == State.RUNNING ? runtime : null;
            if (rt != null) { // direct path: the command's checks, no command object or map copy
                RecordGaugeCommand.validate(name, value);
                rt.metricHandlers().setGauge(name, "", value, AttributeMapper.toAttributesRejectingNullKeys(attributes));
                return;
            }
            dispatch(RecordGaugeCommand.of(name, value, attributes), SignalType.METRICS);
        } catch (RuntimeException | LinkageError e) {
            rejected(SignalType.METRICS, e);
        }
    }

    /** Sets the gauge {@code name} to {@code value}; see {@link #recordGauge(String, double, Map)}. */
    public void recordGauge(String name, double value) {
        recordGauge(name, value, null);
    }

    /**
     * Records {@code value} into the histogram {@code name} with {@code unit} (e.g. {@code s},
     * {@code By}; {@code null} for none). The unit of a histogram is the one of its first record.
     *
     * <p>Never throws: a null, blank or invalid name or a {@code value} that is negative, NaN or infinite is not
     * recorded but counted as rejected in {@link #health()} (logged once per cause), as is a call before
     * {@link #initialize()}.
     */
    public void recordHistogram(String name, double value, String unit, Map<String, ?> attributes) {
        try {
            TelemetryRuntime rt = state == State.RUNNING ? runtime : null;
            if (rt != null) { // direct path: the command's checks, no command object or map copy
                RecordHistogramCommand.validate(name, value);
                rt.metricHandlers().recordHistogram(name, unit == null ? "" : unit, value,
                    AttributeMapper.toAttributesRejectingNullKeys(attributes));
                return;
            }
            dispatch(RecordHistogramCommand.of(name, value, unit, attributes), SignalType.METRICS);
        } catch (RuntimeException | LinkageError e) {
            rejected(SignalType.METRICS, e);
        }
    }

    /** Records {@code value} into the histogram {@code name}; see {@link #recordHistogram(String, double, String, Map)}. */
    public void recordHistogram(String name, double value, String unit) {
        recordHistogram(name, value, unit, null);
    }

    /**
     * Records a generic measurement (kept as a gauge: last value wins) with a unit.
     *
     * <p>Never throws: a null, blank or invalid name or a {@code value} that is NaN or infinite is not
     * recorded but counted as rejected in {@link #health()} (logged once per cause), as is a call before
     * {@link #initialize()}.
     */
    public void recordMetric(String name, double value, String unit, Map<String, ?> attributes) {
        try {
            TelemetryRuntime rt = state == State.RUNNING ? runtime : null;
            if (rt != null) { // direct path: the command's checks, no command object or map copy
                RecordMetricCommand.validate(name, value);
                rt.metricHandlers().setGauge(name, unit == null ? "" : unit, value,
                    AttributeMapper.toAttributesRejectingNullKeys(attributes));
                return;
            }
            dispatch(new RecordMetricCommand(name, value, unit, copy(attributes)), SignalType.METRICS);
        } catch (RuntimeException | LinkageError e) {
            rejected(SignalType.METRICS, e);
        }
    }

    /** Records a generic measurement without attributes. */
    public void recordMetric(String name, double value, String unit) {
        recordMetric(name, value, unit, null);
    }

    // ---------------------------------------------------------------- logs

    /**
     * Emits a log record correlated with the current span. Any message length is accepted.
     *
     * <p>Never throws: a {@code null} severity or message, or a call before {@link #initialize()}, is not
     * recorded but counted as rejected in {@link #health()} (logged once per cause).
     */
    public void log(Severity severity, String message, Map<String, ?> attributes) {
        try {
            TelemetryRuntime rt = state == State.RUNNING ? runtime : null;
            if (rt != null) { // direct path: the command's checks, no command object, map copy or trace-parent capture
                EmitLogCommand.validate(severity, message);
                rt.logHandler().emit(severity, message, AttributeMapper.toRecordAttributesRejectingNullKeys(attributes));
                return;
            }
            dispatch(new EmitLogCommand(severity, message, copy(attributes)), SignalType.LOGS);
        } catch (RuntimeException | LinkageError e) {
            rejected(SignalType.LOGS, e);
        }
    }

    /** Emits a log record without attributes. */
    public void log(Severity severity, String message) {
        log(severity, message, null);
    }

    /** Emits a DEBUG record. */
    public void logDebug(String message, Map<String, ?> attributes) { log(Severity.DEBUG, message, attributes); }

    /** Emits an INFO record. */
    public void logInfo(String message, Map<String, ?> attributes) { log(Severity.INFO, message, attributes); }

    /** Emits a WARN record. */
    public void logWarn(String message, Map<String, ?> attributes) { log(Severity.WARN, message, attributes); }

    /** Emits an ERROR record. */
    public void logError(String message, Map<String, ?> attributes) { log(Severity.ERROR, message, attributes); }

    /** Emits a DEBUG record. */
    public void logDebug(String message) { log(Severity.DEBUG, message, null); }

    /** Emits an INFO record. */
    public void logInfo(String message) { log(Severity.INFO, message, null); }

    /** Emits a WARN record. */
    public void logWarn(String message) { log(Severity.WARN, message, null); }

    /** Emits an ERROR record. */
    public void logError(String message) { log(Severity.ERROR, message, null); }

    // ---------------------------------------------------------------- traces

    /**
     * Starts a span, child of the current one, and returns its id for {@link #endSpan} and
     * {@link #addSpanEvent}. The span is not made current. Spans never ended are bounded
     * ({@code telemetryflow.spans.max-open}): the oldest are dropped and counted.
     *
     * @param kind span kind; {@code null} means INTERNAL
     * @return the span id, or 16 zeros when telemetry is disabled or shut down, or the call was rejected
     *     (a null or blank name, before {@link #initialize()}: counted in {@link #health()}, never thrown)
     */
    public String startSpan(String name, SpanKind kind, Map<String, ?> attributes) {
        try {
            TelemetryRuntime rt = state == State.RUNNING ? runtime : null;
            if (rt != null) { // direct path: the command's check, no command object, map copy or trace-parent capture
                StartSpanCommand.validate(name);
                return rt.spanHandlers().start(name, kind, AttributeMapper.toRecordAttributesRejectingNullKeys(attributes));
            }
            String id = dispatch(new StartSpanCommand(name, kind, copy(attributes)), SignalType.TRACES);
            return id == null ? io.opentelemetry.api.trace.SpanId.getInvalid() : id;
        } catch (RuntimeException | LinkageError e) {
            rejected(SignalType.TRACES, e);
            return io.opentelemetry.api.trace.SpanId.getInvalid();
        }
    }

    /** Starts an INTERNAL span without attributes. */
    public String startSpan(String name) {
        return startSpan(name, SpanKind.INTERNAL, null);
    }

    /**
     * Ends the span {@code spanId}; a non-null {@code errorOrNull} marks it failed (status ERROR and
     * an {@code exception} event). An id that is not open (unknown, already ended, evicted) is
     * ignored and counted: ending a span twice never breaks a request. A null or blank id is
     * rejected (counted in {@link #health()}), never thrown.
     */
    public void endSpan(String spanId, Throwable errorOrNull) {
        try {
            TelemetryRuntime rt = state == State.RUNNING ? runtime : null;
            if (rt != null) { // direct path: the command's check, no command object
                EndSpanCommand.validate(spanId);
                rt.spanHandlers().end(spanId, errorOrNull);
                return;
            }
            dispatch(new EndSpanCommand(spanId, errorOrNull), null);
        } catch (RuntimeException | LinkageError e) {
            rejected(SignalType.TRACES, e);
        }
    }

    /** Ends the span {@code spanId} successfully. */
    public void endSpan(String spanId) {
        endSpan(spanId, null);
    }

    /**
     * Adds an event to the open span {@code spanId}. An id that is not open is ignored and counted;
     * a null or blank id or name is rejected (counted in {@link #health()}), never thrown.
     */
    public void addSpanEvent(String spanId, String name, Map<String, ?> attributes) {
        try {
            TelemetryRuntime rt = state == State.RUNNING ? runtime : null;
            if (rt != null) { // direct path: the command's checks, no command object or map copy
                AddSpanEventCommand.validate(spanId, name);
                rt.spanHandlers().addEvent(spanId, name, AttributeMapper.toRecordAttributesRejectingNullKeys(attributes));
                return;
            }
            dispatch(new AddSpanEventCommand(spanId, name, copy(attributes)), null);
        } catch (RuntimeException | LinkageError e) {
            rejected(SignalType.TRACES, e);
        }
    }

    /**
     * Starts an INTERNAL span that is current until closed (use try-with-resources). A null or blank
     * name is rejected (counted in {@link #health()}; the returned span records nothing), never thrown.
     */
    public TelemetrySpan span(String name) {
        return span(name, SpanKind.INTERNAL);
    }

    /** Starts a span of {@code kind} that is current until closed. */
    public TelemetrySpan span(String name, SpanKind kind) {
        try {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("span name must not be null or blank");
            }
            TelemetryRuntime rt = running();
            if (rt == null) {
                return new TelemetrySpan(Span.getInvalid());
            }
            Span span = rt.tracer().spanBuilder(name)
                .setSpanKind(io.telemetryflow.sdk.internal.SpanCommandHandlers.toOtel(kind)).startSpan();
            return new TelemetrySpan(span);
        } catch (RuntimeException | LinkageError e) {
            rejected(SignalType.TRACES, e);
            return new TelemetrySpan(Span.getInvalid());
        }
    }

    // ---------------------------------------------------------------- commands and queries

    /**
     * Handles any command through the command bus, as {@code Event.fire} does in CDI.
     *
     * @return the handler's result ({@code null} when disabled or shut down)
     */
    public <R> R send(Command<R> command) {
        if (command == null) {
            throw new IllegalArgumentException("command must not be null");
        }
        return dispatch(command, signalOf(command));
    }

    /** The SDK's export health; an all-zero healthy status when disabled. */
    public HealthStatus health() {
        TelemetryRuntime rt = runtime;
        if (rt == null) {
            return new HealthStatus(HealthStatus.State.HEALTHY, java.util.Optional.empty(), java.util.Optional.empty(),
                Map.of());
        }
        return rt.queryBus().ask(new GetHealthQuery());
    }

    // ---------------------------------------------------------------- queries (TelemetryFlow query API)
    // Each needs telemetryflow.query.endpoint; failures are TelemetryQueryException (HTTP error,
    // timeout, malformed answer, I/O), never with the secret in the message.

    /**
     * The data points of one metric ({@code POST /api/v2/query/signals/metrics}, averaged per bucket).
     *
     * @throws io.telemetryflow.sdk.application.TelemetryQueryException when the query API fails
     * @throws IllegalStateException when not initialized or no query endpoint is configured
     */
    public io.telemetryflow.sdk.application.MetricSeries getMetric(
            io.telemetryflow.sdk.application.GetMetricQuery query) {
        return ask(query);
    }

    /**
     * One metric aggregated over a window, overall and per group ({@code POST /api/v2/query/signals/metrics}, aggregated buckets combined).
     *
     * @throws io.telemetryflow.sdk.application.TelemetryQueryException when the query API fails
     * @throws IllegalStateException when not initialized or no query endpoint is configured
     */
    public io.telemetryflow.sdk.application.AggregationResult aggregateMetrics(
            io.telemetryflow.sdk.application.AggregateMetricsQuery query) {
        return ask(query);
    }

    /**
     * One page of log records ({@code POST /api/v2/query/signals/logs}).
     *
     * @throws io.telemetryflow.sdk.application.TelemetryQueryException when the query API fails
     * @throws IllegalStateException when not initialized or no query endpoint is configured
     */
    public io.telemetryflow.sdk.application.LogsPage getLogs(io.telemetryflow.sdk.application.GetLogsQuery query) {
        return ask(query);
    }

    /**
     * Every log record matching {@code query} from its offset on, fetching pages lazily as the
     * stream is consumed (following {@code hasMore}).
     */
    public java.util.stream.Stream<io.telemetryflow.sdk.application.LogEntry> streamLogs(
            io.telemetryflow.sdk.application.GetLogsQuery query) {
        return io.telemetryflow.sdk.internal.query.Pagination.logs(this::getLogs, query);
    }

    /**
     * Every log record matching {@code query}, all pages collected.
     *
     * @throws IllegalStateException if more than 100 000 match (use {@link #streamLogs})
     */
    public java.util.List<io.telemetryflow.sdk.application.LogEntry> getAllLogs(
            io.telemetryflow.sdk.application.GetLogsQuery query) {
        return io.telemetryflow.sdk.internal.query.Pagination.collect(streamLogs(query), "log records");
    }

    /**
     * One whole trace ({@code GET /api/v2/query/signals/traces/{traceId}}); empty when the backend does not know it.
     *
     * @throws IllegalArgumentException if {@code traceId} is not 32 hex characters
     * @throws io.telemetryflow.sdk.application.TelemetryQueryException when the query API fails
     */
    public java.util.Optional<io.telemetryflow.sdk.application.TraceDetail> getTrace(String traceId) {
        return ask(io.telemetryflow.sdk.application.GetTraceQuery.of(traceId));
    }

    /**
     * One page of traces matching {@code query} ({@code POST /api/v2/query/signals/traces/summaries}).
     *
     * @throws io.telemetryflow.sdk.application.TelemetryQueryException when the query API fails
     */
    public io.telemetryflow.sdk.application.TracesPage searchTraces(
            io.telemetryflow.sdk.application.SearchTracesQuery query) {
        return ask(query);
    }

    /** Every trace matching {@code query} from its offset on, fetching pages lazily (following {@code hasMore}). */
    public java.util.stream.Stream<io.telemetryflow.sdk.application.TraceSummary> streamTraces(
            io.telemetryflow.sdk.application.SearchTracesQuery query) {
        return io.telemetryflow.sdk.internal.query.Pagination.traces(this::searchTraces, query);
    }

    /**
     * Every trace matching {@code query}, all pages collected.
     *
     * @throws IllegalStateException if more than 100 000 match (use {@link #streamTraces})
     */
    public java.util.List<io.telemetryflow.sdk.application.TraceSummary> searchAllTraces(
            io.telemetryflow.sdk.application.SearchTracesQuery query) {
        return io.telemetryflow.sdk.internal.query.Pagination.collect(streamTraces(query), "traces");
    }

    /**
     * The names of the stored metrics starting with {@code prefix} ({@code null}: all), up to 100.
     *
     * @throws io.telemetryflow.sdk.application.TelemetryQueryException when the query API fails
     */
    public java.util.List<String> metricNames(String prefix) {
        return ask(io.telemetryflow.sdk.application.GetMetricNamesQuery.withPrefix(prefix));
    }

    /**
     * The values the attribute {@code label} has taken on {@code metricName} ({@code null}: any metric), up to 100.
     *
     * @throws io.telemetryflow.sdk.application.TelemetryQueryException when the query API fails
     */
    public java.util.List<String> labelValues(String label, String metricName) {
        return ask(io.telemetryflow.sdk.application.GetLabelValuesQuery.of(label, metricName));
    }

    /**
     * How many log records of each severity arrived in the query's range.
     *
     * @throws io.telemetryflow.sdk.application.TelemetryQueryException when the query API fails
     */
    public Map<String, Long> countLogsBySeverity(io.telemetryflow.sdk.application.CountLogsBySeverityQuery query) {
        return ask(query);
    }

    /**
     * The health of the TelemetryFlow Core server ({@code GET /health}); {@link #health()} is this SDK's.
     *
     * @throws io.telemetryflow.sdk.application.TelemetryQueryException when the server cannot be reached
     */
    public io.telemetryflow.sdk.application.PlatformHealth platformHealth() {
        return ask(new io.telemetryflow.sdk.application.GetPlatformHealthQuery());
    }

    /**
     * Answers any query through the query bus.
     *
     * @throws IllegalStateException when disabled, not initialized, or no handler fits
     */
    public <R> R ask(Query<R> query) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        TelemetryRuntime rt = runtime;
        if (rt == null) {
            throw new IllegalStateException(config.enabled()
                ? "TelemetryClient is not initialized; call initialize()" : "TelemetryFlow is disabled");
        }
        return rt.queryBus().ask(query);
    }

    // ---------------------------------------------------------------- life cycle

    /** Exports everything buffered, waiting at most 10 s; {@code true} if every signal flushed. */
    public boolean flush() {
        return flush(Duration.ofSeconds(10));
    }

    /**
     * Exports everything buffered, waiting at most {@code timeout} (a negative timeout does not
     * wait) even if the backend hangs; {@code true} if every signal flushed in time.
     *
     * @throws IllegalArgumentException if {@code timeout} is null
     */
    public boolean flush(Duration timeout) {
        requireTimeout(timeout);
        TelemetryRuntime rt = running();
        return rt == null || rt.flush(timeout);
    }

    /** Flushes and shuts down, waiting at most 30 s. Idempotent. */
    public boolean shutdown() {
        return shutdown(DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /**
     * Flushes and shuts down, waiting at most {@code timeout} even if the backend hangs (what is
     * still in flight then is abandoned in the background). Idempotent.
     *
     * @return {@code true} if everything was exported and shut down in time
     * @throws IllegalArgumentException if {@code timeout} is null (the client keeps running)
     */
    public synchronized boolean shutdown(Duration timeout) {
        requireTimeout(timeout);
        if (state == State.SHUT_DOWN) {
            return true;
        }
        state = State.SHUT_DOWN;
        TelemetryRuntime rt = runtime;
        return rt == null || rt.shutdown(timeout);
    }

    /** Same as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    @Override
    public String toString() {
        return "TelemetryClient{state=" + state + ", " + config + "}";
    }

    private static void requireTimeout(Duration timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException("timeout must not be null");
        }
    }

    private TelemetryRuntime running() {
        State s = state;
        if (s == State.RUNNING) {
            return runtime;
        }
        if (s == State.NEW && config.enabled()) {
            throw new IllegalStateException("TelemetryClient is not initialized; call initialize()");
        }
        return null;
    }

    /**
     * A record call refused (invalid input, before {@link #initialize()}, or a class-loading clash): counted as rejected in
     * {@link #health()} and logged once per cause, never thrown into the caller's code.
     */
    private void rejected(SignalType signal, Throwable e) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        TelemetryRuntime rt = runtime;
        if (rt != null) {
            rt.health().rejected(signal, cause);
        } else if (config.enabled() && notRunningLogged.compareAndSet(false, true)) {
            java.util.logging.Logger.getLogger(TelemetryClient.class.getName()).warning("TelemetryFlow: a record call"
                + " before initialize() was ignored: " + cause + " (logged once)");
        }
    }

    /** The signal a recording command adds to (counted as dropped after shutdown); null for the others. */
    private static SignalType signalOf(Command<?> command) {
        if (command instanceof RecordCounterCommand || command instanceof RecordGaugeCommand
            || command instanceof RecordHistogramCommand || command instanceof RecordMetricCommand) {
            return SignalType.METRICS;
        }
        if (command instanceof EmitLogCommand) {
            return SignalType.LOGS;
        }
        return command instanceof StartSpanCommand ? SignalType.TRACES : null;
    }

    private <R> R dispatch(Command<R> command, SignalType signal) {
        State s = state;
        if (s == State.RUNNING) {
            TelemetryRuntime rt = runtime;
            return rt == null ? null : rt.commandBus().dispatch(command);
        }
        if (s == State.NEW && config.enabled()) {
            throw new IllegalStateException("TelemetryClient is not initialized; call initialize()");
        }
        if (s == State.SHUT_DOWN && signal != null && runtime != null) {
            runtime.health().dropped(signal, 1);
        }
        return null;
    }

    /** The map as the commands' parameter type; each command's constructor makes its own copy. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, ?> attributes) {
        return (Map<String, Object>) attributes;
    }
}
