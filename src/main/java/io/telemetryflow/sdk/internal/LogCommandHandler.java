package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.telemetryflow.sdk.application.CommandHandler;
import io.telemetryflow.sdk.application.EmitLogCommand;
import java.time.Instant;

/**
 * Emits real OTLP log records: severity, body, attributes, timestamp and the trace/span ids of
 * the span current on the calling thread.
 */
public final class LogCommandHandler implements CommandHandler<EmitLogCommand, Void> {

    private final Logger logger;

    /** A handler emitting through {@code logger}. */
    public LogCommandHandler(Logger logger) {
        this.logger = logger;
    }

    @Override
    public Void handle(EmitLogCommand c) {
        logger.logRecordBuilder()
            .setTimestamp(Instant.now())
            .setContext(TraceParents.contextFor(c.parent()))
            .setSeverity(toOtel(c.severity()))
            .setSeverityText(c.severity().name())
            .setBody(c.message())
            .setAllAttributes(AttributeMapper.toAttributes(c.attributes()))
            .emit();
        return null;
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
