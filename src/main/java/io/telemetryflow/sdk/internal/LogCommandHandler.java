package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.telemetryflow.sdk.application.CommandHandler;
import io.telemetryflow.sdk.application.EmitLogCommand;
import java.util.concurrent.TimeUnit;

/**
 * Emits real OTLP log records: severity, body, attributes, timestamp and the trace/span ids of
 * the span current on the calling thread.
 */
public final class LogCommandHandler implements CommandHandler<EmitLogCommand, Void> {

    private static final io.opentelemetry.sdk.common.Clock CLOCK = io.opentelemetry.sdk.common.Clock.getDefault();

    private final Logger logger;
    private final int maxBodyLength;

    /** A handler emitting through {@code logger}, bodies unlimited. */
    public LogCommandHandler(Logger logger) {
        this(logger, Integer.MAX_VALUE);
    }

    /**
     * A handler emitting through {@code logger}; a body longer than {@code maxBodyLength} characters is cut
     * (and says so), so one huge message cannot push a whole batch over a collector's request limit.
     */
    public LogCommandHandler(Logger logger, int maxBodyLength) {
        this.logger = logger;
        this.maxBodyLength = maxBodyLength;
    }

    /** How a cut body ends (the export counts cut bodies by it, {@link LimitsCut}). */
    static final String CUT_MARK_END = io.telemetryflow.sdk.domain.ConfigKey.LIMITS_LOG_BODY_LENGTH.key() + "]";

    /** {@code body}, or its first {@code max} characters and how many were cut. */
    static String limit(String body, int max) {
        if (body.length() <= max) {
            return body;
        }
        String cut = "… [" + (body.length() - max) + " characters truncated by " + CUT_MARK_END;
        return body.substring(0, max) + cut;
    }

    @Override
    public Void handle(EmitLogCommand c) {
        logger.logRecordBuilder()
            .setTimestamp(CLOCK.now(), TimeUnit.NANOSECONDS)
            .setContext(TraceParents.contextFor(c.parent()))
            .setSeverity(toOtel(c.severity()))
            .setSeverityText(c.severity().name())
            .setBody(limit(c.message(), maxBodyLength))
            .setAllAttributes(AttributeMapper.toRecordAttributes(c.attributes()))
            .emit();
        return null;
    }

    /**
     * Emits a record from validated values, correlated with the calling thread's current span: the
     * client's direct path (no command object, no copy of the map, no captured trace parent).
     */
    public void emit(io.telemetryflow.sdk.domain.Severity severity, String message,
                     io.opentelemetry.api.common.Attributes attributes) {
        logger.logRecordBuilder()
            .setTimestamp(CLOCK.now(), TimeUnit.NANOSECONDS)
            .setSeverity(toOtel(severity))
            .setSeverityText(severity.name())
            .setBody(limit(message, maxBodyLength))
            .setAllAttributes(attributes)
            .emit();
    }

    /** Maps our severity onto the OpenTelemetry one. */
    public static Severity toOtel(io.telemetryflow.sdk.domain.Severity s) {
        switch (s) {
            case TRACE: return Severity.TRACE;
            case DEBUG: return Severity.DEBUG;
            case INFO: return Severity.INFO;
            case WARN: return Severity.WARN;
            case ERROR: return Severity.ERROR;
            default: return Severity.FATAL;
        }
    }
}
