package io.telemetryflow.sdk.internal.logging;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * A {@code java.util.logging} handler that turns application log records into OTLP log records:
 * mapped severity, the formatted message, the logger name, the exception
 * ({@code exception.type}, {@code exception.message}, {@code exception.stacktrace}) and the
 * trace/span ids of the span current on the logging thread.
 *
 * <p>Records of the SDK's own loggers ({@code io.telemetryflow.sdk.*}, {@code io.telemetryflow.cdi.*}) and of OpenTelemetry
 * ({@code io.opentelemetry.*}) are skipped: exporting the exporter's own warnings would feed
 * back into the pipeline that is failing.
 *
 * <p>The root logger is JVM-wide: in an application server it also receives the server's records
 * and those of other deployments. Only records logged on a thread whose context class loader is this
 * application's (or a child of it) are exported, so nothing of another tenant ends up in this one.
 */
public final class OtlpLogHandler extends Handler {

    static final AttributeKey<String> LOGGER_NAME = AttributeKey.stringKey("log.logger.name");
    static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");
    static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
    static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
    static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

    private final Logger logger;
    private final ClassLoader application;
    private final Formatter formatter = new SimpleFormatter();

    /** A handler emitting through {@code logger} the records of every thread (no application to tell apart). */
    public OtlpLogHandler(Logger logger) {
        this(logger, null);
    }

    /**
     * A handler emitting through {@code logger} the records logged on threads of {@code application}
     * (their context class loader is it or a child of it); {@code null}: every thread's.
     */
    public OtlpLogHandler(Logger logger, ClassLoader application) {
        this.logger = logger;
        this.application = application;
        setLevel(Level.ALL);
    }

    /** Whether the current thread works for this application (see the class comment). */
    private boolean fromThisApplication() {
        if (application == null) {
            return true;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (int depth = 0; loader != null && depth < 32; depth++, loader = loader.getParent()) {
            if (loader == application) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record) || isOwnRecord(record.getLoggerName()) || !fromThisApplication()) {
            return;
        }
        try {
            AttributesBuilder attributes = Attributes.builder();
            if (record.getLoggerName() != null) {
                attributes.put(LOGGER_NAME, record.getLoggerName());
            }
            attributes.put(THREAD_NAME, Thread.currentThread().getName());
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                attributes.put(EXCEPTION_TYPE, thrown.getClass().getName());
                if (thrown.getMessage() != null) {
                    attributes.put(EXCEPTION_MESSAGE, thrown.getMessage());
                }
                StringWriter trace = new StringWriter();
                thrown.printStackTrace(new PrintWriter(trace));
                attributes.put(EXCEPTION_STACKTRACE, trace.toString());
            }
            Severity severity = severity(record.getLevel());
            logger.logRecordBuilder()
                .setTimestamp(record.getInstant())
                .setContext(Context.current())
                .setSeverity(severity)
                .setSeverityText(record.getLevel().getName())
                .setBody(formatter.formatMessage(record))
                .setAllAttributes(attributes.build())
                .emit();
        } catch (RuntimeException e) {
            reportError("TelemetryFlow: could not export a log record", e, java.util.logging.ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public void flush() {
        // the SDK's batch processor owns buffering; TelemetryClient.flush() flushes it
    }

    @Override
    public void close() {
        setLevel(Level.OFF);
    }

    /**
     * Whether a logger belongs to the SDK ({@code io.telemetryflow.sdk}, {@code io.telemetryflow.cdi}) or to
     * OpenTelemetry ({@code io.opentelemetry}): never exported, no feedback loop. Other {@code io.telemetryflow.*}
     * loggers are applications (such as the examples) and are exported.
     */
    static boolean isOwnRecord(String loggerName) {
        return loggerName != null && (isUnder(loggerName, "io.telemetryflow.sdk") || isUnder(loggerName, "io.telemetryflow.cdi")
            || isUnder(loggerName, "io.opentelemetry"));
    }

    private static boolean isUnder(String loggerName, String prefix) {
        return loggerName.startsWith(prefix)
            && (loggerName.length() == prefix.length() || loggerName.charAt(prefix.length()) == '.');
    }

    /** Maps JUL levels onto OpenTelemetry severities. */
    static Severity severity(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return Severity.ERROR;
        }
        if (v >= Level.WARNING.intValue()) {
            return Severity.WARN;
        }
        if (v >= Level.INFO.intValue()) {
            return Severity.INFO;
        }
        if (v >= Level.CONFIG.intValue()) {
            return Severity.DEBUG2;
        }
        if (v >= Level.FINE.intValue()) {
            return Severity.DEBUG;
        }
        return Severity.TRACE;
    }
}
