package io.telemetryflow.devbackend;

/** The OTLP signal an export carries. */
public enum Signal {
  TRACES,
  METRICS,
  LOGS
}
