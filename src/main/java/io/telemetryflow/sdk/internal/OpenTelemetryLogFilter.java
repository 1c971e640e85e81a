package io.telemetryflow.sdk.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Tames OpenTelemetry's own logging of export failures, a known log flood when no collector runs.
 *
 * <p>Left alone, OpenTelemetry 1.x logs every failed export: the OTLP exporters through their
 * {@code ThrottlingLogger} (up to 5 SEVERE lines with a stack trace per minute per exporter, then
 * one per minute — three exporters per client), and {@code PeriodicMetricReader} one unthrottled
 * WARNING "Exporter failed" per metric interval. TelemetryFlow reports export failures itself
 * ({@link ExportHealth}: counted in {@code health()}, one line per signal per minute), so this
 * filter, installed on those loggers when a client starts:
 * <ul>
 *   <li>lets at most one WARNING/SEVERE record per logger through per {@link ExportHealth#LOG_INTERVAL};</li>
 *   <li>re-logs the others at FINE on the same logger, so they are still there for whoever turns on
 *       debug logging of {@code io.opentelemetry}, and counts them ({@link #suppressedCount()});</li>
 *   <li>masks the API key secret of every running client in every record (a backend may echo the
 *       request's credentials in its error message, which OpenTelemetry logs verbatim);</li>
 *   <li>leaves records below WARNING alone (apart from masking), and honours a filter the
 *       application had set on the logger before.</li>
 * </ul>
 *
 * <p>JUL loggers are JVM-wide, so the filter is shared by the running clients of this copy of the
 * library: installed by the first to start, removed when the last stops (a redeployed application
 * finds the loggers as they were and pins nothing of the old deployment). Another deployment's copy
 * of this class that is installed already is kept and wrapped, so each masks its own clients' secrets.
 * The loggers are held strongly while installed (a logger that is garbage-collected would lose its filter).
 */
public final class OpenTelemetryLogFilter implements Filter {

    /** The OpenTelemetry loggers that log per export (current and earlier package layouts). */
    public static final List<String> LOGGER_NAMES = List.of(
        "io.opentelemetry.exporter.otlp.internal.HttpExporter",
        "io.opentelemetry.exporter.otlp.internal.GrpcExporter",
        "io.opentelemetry.exporter.internal.http.HttpExporter",
        "io.opentelemetry.exporter.internal.grpc.GrpcExporter",
        "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSender",
        "io.opentelemetry.sdk.trace.export.BatchSpanProcessor",
        "io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor",
        "io.opentelemetry.sdk.metrics.export.PeriodicMetricReader");

    private static final long NEVER = Long.MIN_VALUE;
    private static final AtomicLong SUPPRESSED = new AtomicLong();
    private static final List<OpenTelemetryLogFilter> INSTALLED = new ArrayList<>(); // guarded by the class
    private static int users; // running clients of this copy; guarded by the class

    private final Logger logger;
    private final Filter previous;
    private final long intervalNanos;
    private final AtomicLong lastPassedNanos = new AtomicLong(NEVER);
    private final AtomicLong suppressedSinceLast = new AtomicLong();
    private volatile boolean retired;

    private OpenTelemetryLogFilter(Logger logger, Filter previous, long intervalNanos) {
        this.logger = logger;
        this.previous = previous;
        this.intervalNanos = intervalNanos;
    }

    /** Installs the filter on {@link #LOGGER_NAMES} for one more running client (the first installs it). */
    public static synchronized void install() {
        if (users++ > 0) {
            return;
        }
        for (String name : LOGGER_NAMES) {
            try {
                Logger logger = Logger.getLogger(name);
                OpenTelemetryLogFilter filter = new OpenTelemetryLogFilter(logger, logger.getFilter(),
                    ExportHealth.LOG_INTERVAL.toNanos());
                logger.setFilter(filter);
                INSTALLED.add(filter);
            } catch (RuntimeException e) {
                // a logging framework that refuses filters: OpenTelemetry's own throttling still applies
            }
        }
    }

    /**
     * One running client fewer; the last one puts every logger's previous filter back (where a later
     * installer wrapped ours, ours just passes records through from then on).
     */
    public static synchronized void uninstall() {
        if (users == 0 || --users > 0) {
            return;
        }
        for (OpenTelemetryLogFilter filter : INSTALLED) {
            filter.retired = true;
            try {
                if (filter.logger.getFilter() == filter) {
                    filter.logger.setFilter(filter.previous);
                }
            } catch (RuntimeException e) {
                // as in install()
            }
        }
        INSTALLED.clear();
    }

    /** How many running clients of this copy have the filter installed (0: the loggers are as found). */
    public static synchronized int users() {
        return users;
    }

    /** How many OpenTelemetry export-failure records were demoted to FINE in this JVM so far. */
    public static long suppressedCount() {
        return SUPPRESSED.get();
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (previous != null && !previous.isLoggable(record)) {
            return false;
        }
        if (retired) {
            return true;
        }
        redact(record);
        if (record.getLevel().intValue() < Level.WARNING.intValue()) {
            return true;
        }
        long now = System.nanoTime();
        long last = lastPassedNanos.get();
        if ((last == NEVER || now - last >= intervalNanos) && lastPassedNanos.compareAndSet(last, now)) {
            long skipped = suppressedSinceLast.getAndSet(0);
            if (skipped > 0 && record.getParameters() == null) {
                record.setMessage(record.getMessage() + " [TelemetryFlow: " + skipped + " similar message(s) in the"
                    + " last " + TimeUnit.NANOSECONDS.toSeconds(intervalNanos)
                    + " s were logged at FINE; export counts are in health()]");
            }
            return true;
        }
        SUPPRESSED.incrementAndGet();
        suppressedSinceLast.incrementAndGet();
        if (logger.isLoggable(Level.FINE)) {
            LogRecord demoted = new LogRecord(Level.FINE, record.getMessage());
            demoted.setLoggerName(record.getLoggerName());
            demoted.setParameters(record.getParameters());
            demoted.setThrown(record.getThrown());
            demoted.setSourceClassName(record.getSourceClassName());
            demoted.setSourceMethodName(record.getSourceMethodName());
            demoted.setInstant(record.getInstant());
            logger.log(demoted); // FINE passes this filter: no recursion
        }
        return false;
    }

    private static void redact(LogRecord record) {
        String message = record.getMessage();
        if (Secrets.containsActive(message)) {
            record.setMessage(Secrets.scrubActive(message));
        }
        Object[] params = record.getParameters();
        if (params != null) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] != null && Secrets.containsActive(String.valueOf(params[i]))) {
                    params[i] = Secrets.scrubActive(String.valueOf(params[i]));
                }
            }
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && containsSecret(thrown)) {
            record.setThrown(new RedactedException(thrown));
        }
    }

    private static boolean containsSecret(Throwable t) {
        for (int i = 0; t != null && i < 16; i++, t = t.getCause()) {
            if (Secrets.containsActive(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** Stands in for an exception whose message (or a cause's) contained a secret: same type name and stack, masked text. */
    static final class RedactedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedactedException(Throwable original) {
            this(original, 0);
        }

        private RedactedException(Throwable original, int depth) {
            super(original.getClass().getName() + ": " + Secrets.scrubActive(String.valueOf(original.getMessage())),
                depth >= 15 || original.getCause() == null || original.getCause() == original
                    ? null : new RedactedException(original.getCause(), depth + 1),
                false, true);
            setStackTrace(original.getStackTrace());
        }
    }
}
