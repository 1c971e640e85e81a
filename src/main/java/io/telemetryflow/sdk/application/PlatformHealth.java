package io.telemetryflow.sdk.application;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What TelemetryFlow Core says about itself on {@code GET /health}.
 *
 * @param status {@code ok} when the server is up
 * @param service the server's name
 * @param version the server's version
 * @param timestamp the server's clock, if sent
 */
public record PlatformHealth(String status, String service, String version, Optional<Instant> timestamp) {

    /** Normalises absent values to empty. */
    public PlatformHealth {
        status = Objects.requireNonNullElse(status, "");
        service = Objects.requireNonNullElse(service, "");
        version = Objects.requireNonNullElse(version, "");
        timestamp = timestamp == null ? Optional.empty() : timestamp;
    }

    /** Whether the server reported {@code ok}. */
    public boolean isOk() {
        return "ok".equalsIgnoreCase(status);
    }
}
