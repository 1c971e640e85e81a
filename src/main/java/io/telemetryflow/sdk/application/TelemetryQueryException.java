package io.telemetryflow.sdk.application;

import java.util.Objects;
import java.util.Optional;

/**
 * A query could not be answered by the TelemetryFlow query API: an HTTP error status, a
 * timeout, a body that is not the documented JSON, or an I/O failure.
 *
 * <p>Messages are short — method, path, status and at most a short reason the server gave —
 * and never contain the API key secret, the query string or the full response body, so they
 * are safe to log.
 */
public final class TelemetryQueryException extends RuntimeException {

    /** Why the query failed. */
    public enum Reason {
        /** The server answered with an error status ({@link #statusCode()} tells which). */
        HTTP_ERROR,
        /** No complete answer within the configured timeout (connect or response). */
        TIMEOUT,
        /** The answer was not the documented JSON (truncated, wrong type, missing field, too large). */
        MALFORMED_RESPONSE,
        /** The request could not be sent or the answer not read (connection refused, reset, interrupted, …). */
        IO_ERROR,
        /**
         * The query API did not accept the configured credentials: login refused or rate-limited,
         * MFA required, refresh token expired and login impossible, or a rejected ready token.
         */
        AUTHENTICATION
    }

    private final Reason reason;
    private final int statusCode;
    private final String errorCode;

    /**
     * Creates the exception.
     *
     * @param reason why the query failed
     * @param statusCode the HTTP status for {@link Reason#HTTP_ERROR}, else 0
     * @param message a short message without secrets
     * @param cause the underlying failure, or {@code null}
     */
    public TelemetryQueryException(Reason reason, int statusCode, String message, Throwable cause) {
        this(reason, statusCode, null, message, cause);
    }

    /**
     * @param errorCode the platform's {@code error.code} (e.g. {@code REFRESH_TOKEN_EXPIRED}), or {@code null}
     */
    public TelemetryQueryException(Reason reason, int statusCode, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.statusCode = statusCode;
        this.errorCode = errorCode;
    }

    /** The platform's {@code error.code} of the answer (e.g. {@code FORBIDDEN}), if it sent one. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** Creates the exception without a cause. */
    public TelemetryQueryException(Reason reason, int statusCode, String message) {
        this(reason, statusCode, message, null);
    }

    /** Why the query failed. */
    public Reason reason() {
        return reason;
    }

    /** The HTTP status of an {@link Reason#HTTP_ERROR}; 0 for every other reason (no error status). */
    public int statusCode() {
        return statusCode;
    }
}
