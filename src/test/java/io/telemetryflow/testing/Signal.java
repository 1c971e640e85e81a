package io.telemetryflow.testing;

/** The OTLP signal an export carries. */
public enum Signal {
  TRACES,
  METRICS,
  LOGS
}
