package io.telemetryflow.sdk.internal.query;

/**
 * Internal signal that a JSON answer does not have the documented shape; the transport turns
 * it into a {@code TelemetryQueryException} with reason MALFORMED_RESPONSE. The message names
 * the field, never the body.
 */
final class MalformedResponseException extends RuntimeException {

    MalformedResponseException(String message) {
        super(message, null, false, false);
    }
}
