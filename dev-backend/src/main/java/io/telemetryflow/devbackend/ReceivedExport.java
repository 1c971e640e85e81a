package io.telemetryflow.devbackend;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One export call that {@link OtlpReceiver} accepted, as it arrived on the wire.
 *
 * @param transport gRPC or HTTP
 * @param signal traces, metrics or logs
 * @param path the HTTP request path (e.g. {@code /v2/traces}) or the gRPC full method name (e.g.
 *     {@code opentelemetry.proto.collector.trace.v1.TraceService/Export})
 * @param headers request headers (HTTP) or metadata (gRPC), names in lower case, repeated values
 *     joined with {@code ","}, binary ({@code -bin}) metadata in base64
 * @param gzip whether the body was gzip-compressed ({@code Content-Encoding: gzip} on HTTP, {@code
 *     grpc-encoding: gzip} on gRPC)
 * @param request the decoded {@code Export*ServiceRequest}
 * @param receivedAt when the receiver finished decoding the call
 */
public record ReceivedExport(
    Transport transport,
    Signal signal,
    String path,
    Map<String, String> headers,
    boolean gzip,
    Message request,
    Instant receivedAt) {

  /** Copies the headers so the record stays immutable. */
  public ReceivedExport {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(receivedAt, "receivedAt");
    headers = Map.copyOf(headers);
  }

  /** The value of one header (any case), or {@code null} when absent. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The request as a trace export; fails if this export carries another signal. */
  public ExportTraceServiceRequest traceRequest() {
    return requestAs(ExportTraceServiceRequest.class);
  }

  /** The request as a metrics export; fails if this export carries another signal. */
  public ExportMetricsServiceRequest metricsRequest() {
    return requestAs(ExportMetricsServiceRequest.class);
  }

  /** The request as a logs export; fails if this export carries another signal. */
  public ExportLogsServiceRequest logsRequest() {
    return requestAs(ExportLogsServiceRequest.class);
  }

  private <T extends Message> T requestAs(Class<T> type) {
    if (!type.isInstance(request)) {
      throw new AssertionError("export " + this + " is not a " + type.getSimpleName());
    }
    return type.cast(request);
  }

  /** A one-line summary, without the (possibly large) request body. */
  @Override
  public String toString() {
    return transport + " " + path + " (" + signal + (gzip ? ", gzip" : "") + ")";
  }
}
