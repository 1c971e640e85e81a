package io.telemetryflow.sdk.application;

/** Asks for the SDK's own export health; answered locally, without a request. */
public record GetHealthQuery() implements Query<HealthStatus> {
}
