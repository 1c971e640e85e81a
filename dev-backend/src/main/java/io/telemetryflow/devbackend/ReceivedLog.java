package io.telemetryflow.devbackend;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One log record as received, with the resource and instrumentation scope it was exported under.
 *
 * @param log the raw proto log record
 * @param resource the resource of its {@code ResourceLogs}
 * @param scope the instrumentation scope of its {@code ScopeLogs}
 * @param export the export call that carried it
 */
public record ReceivedLog(LogRecord log, Resource resource, InstrumentationScope scope, ReceivedExport export) {

  /** Flattens the log records of log exports, in arrival order; other signals are skipped. */
  static List<ReceivedLog> flatten(List<ReceivedExport> exports) {
    List<ReceivedLog> logs = new ArrayList<>();
    for (ReceivedExport export : exports) {
      if (export.signal() != Signal.LOGS) {
        continue;
      }
      for (ResourceLogs resourceLogs : export.logsRequest().getResourceLogsList()) {
        for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
          for (LogRecord log : scopeLogs.getLogRecordsList()) {
            logs.add(new ReceivedLog(log, resourceLogs.getResource(), scopeLogs.getScope(), export));
          }
        }
      }
    }
    return logs;
  }

  /**
   * The body as a string: a string body as is, any other body through {@link AnyValues#toJava}
   * and {@code String.valueOf}, {@code ""} when there is no body.
   */
  public String body() {
    AnyValue body = log.getBody();
    if (body.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
      return body.getStringValue();
    }
    Object value = AnyValues.toJava(body);
    return value == null ? "" : String.valueOf(value);
  }

  /** The severity number (1..24, 0 if unspecified), as in OpenTelemetry's {@code Severity}. */
  public int severityNumber() {
    return log.getSeverityNumberValue();
  }

  /** The severity text (e.g. {@code INFO}). */
  public String severityText() {
    return log.getSeverityText();
  }

  /** The log attributes as plain Java values. */
  public Map<String, Object> attributes() {
    return AnyValues.toMap(log.getAttributesList());
  }

  /** The resource attributes as plain Java values. */
  public Map<String, Object> resourceAttributes() {
    return AnyValues.toMap(resource.getAttributesList());
  }

  /** The instrumentation scope name (the logger name). */
  public String scopeName() {
    return scope.getName();
  }

  /** The trace id of the correlated span in lower-case hex, {@code ""} if none. */
  public String traceId() {
    return AnyValues.hex(log.getTraceId());
  }

  /** The span id of the correlated span in lower-case hex, {@code ""} if none. */
  public String spanId() {
    return AnyValues.hex(log.getSpanId());
  }

  /** A short summary: severity and body. */
  @Override
  public String toString() {
    return "ReceivedLog[" + severityText() + "(" + severityNumber() + ") '" + body() + "']";
  }
}
