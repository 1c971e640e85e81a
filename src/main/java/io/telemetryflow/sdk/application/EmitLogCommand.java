package io.telemetryflow.sdk.application;

import io.telemetryflow.sdk.domain.Severity;
import java.util.Map;

/**
 * Emits an OTLP log record, correlated with the span current on the calling thread.
 *
 * @param severity severity
 * @param message body
 * @param attributes log attributes (copied)
 * @param parent trace context of the creating thread ({@code null}: use the handler thread's current context)
 */
public record EmitLogCommand(Severity severity, String message, Map<String, Object> attributes, TraceParent parent)
    implements Command<Void> {

    /** A log record correlated with the span current on the creating thread. */
    public EmitLogCommand(Severity severity, String message, Map<String, Object> attributes) {
        this(severity, message, attributes, TraceParent.current());
    }

    /** Validates and copies. */
    public EmitLogCommand {
        validate(severity, message);
        attributes = Attributes.copy(attributes);
    }

    /**
     * The constructor's checks, for a caller that emits the same record without building the command
     * ({@code TelemetryClient.log}).
     *
     * @throws IllegalArgumentException if {@code severity} or {@code message} is null
     */
    public static void validate(Severity severity, String message) {
        if (severity == null) {
            throw new IllegalArgumentException("log severity must not be null");
        }
        if (message == null) {
            throw new IllegalArgumentException("log message must not be null");
        }
    }

    /** A log record without attributes. */
    public static EmitLogCommand of(Severity severity, String message) {
        return new EmitLogCommand(severity, message, Map.of());
    }

    /** An INFO record. */
    public static EmitLogCommand info(String message) {
        return of(Severity.INFO, message);
    }
}
