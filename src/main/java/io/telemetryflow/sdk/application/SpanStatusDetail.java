package io.telemetryflow.sdk.application;

import java.util.Objects;

/**
 * The status of a span read back.
 *
 * @param code UNSET, OK or ERROR
 * @param message the status description ({@code ""} when none)
 */
public record SpanStatusDetail(Code code, String message) {

    /** Span status codes, as in OpenTelemetry. */
    public enum Code { UNSET, OK, ERROR }

    /** The status of a span nobody set a status on. */
    public static final SpanStatusDetail UNSET = new SpanStatusDetail(Code.UNSET, "");

    /** Validates. */
    public SpanStatusDetail {
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
    }

    /** Whether the span failed. */
    public boolean isError() {
        return code == Code.ERROR;
    }
}
