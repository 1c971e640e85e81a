package io.telemetryflow.sdk.domain;

/** The three OpenTelemetry signals the SDK can export. */
public enum SignalType {
    METRICS, LOGS, TRACES
}
