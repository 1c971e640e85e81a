package io.telemetryflow.sdk.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Captures every {@code java.util.logging} record that reaches the root logger while open. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    /** Starts capturing. */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** Everything captured so far. */
    public synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Records at WARNING or above. */
    List<LogRecord> warnings() {
        return matching(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
    }

    /** Records matching {@code condition}. */
    List<LogRecord> matching(Predicate<LogRecord> condition) {
        return records().stream().filter(condition).toList();
    }

    /** WARNING+ records of loggers whose name starts with {@code prefix}. */
    List<LogRecord> warningsOf(String prefix) {
        return warnings().stream().filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith(prefix)).toList();
    }

    /** A record as text: level, logger, formatted message, exception chain with stack traces. */
    String text(LogRecord r) {
        StringBuilder sb = new StringBuilder().append(r.getLevel()).append(' ').append(r.getLoggerName()).append(": ");
        sb.append(formatter.formatMessage(r));
        if (r.getThrown() != null) {
            StringWriter w = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(w));
            sb.append('\n').append(w);
        }
        return sb.toString();
    }

    /** All captured records as text, one per line (with stack traces). */
    String allText() {
        StringBuilder sb = new StringBuilder();
        for (LogRecord r : records()) {
            sb.append(text(r)).append('\n');
        }
        return sb.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
