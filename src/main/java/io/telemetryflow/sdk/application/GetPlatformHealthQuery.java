package io.telemetryflow.sdk.application;

/**
 * The health of the TelemetryFlow Core server itself ({@code GET /health}, no authentication), as
 * opposed to {@link GetHealthQuery}, the health of this SDK's export.
 */
public record GetPlatformHealthQuery() implements Query<PlatformHealth> {
}
