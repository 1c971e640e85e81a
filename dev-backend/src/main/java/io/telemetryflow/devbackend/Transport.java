package io.telemetryflow.devbackend;

/** The OTLP transport an export arrived over. */
public enum Transport {
  /** OTLP/gRPC (HTTP/2, protobuf messages, gRPC metadata). */
  GRPC,
  /** OTLP/HTTP (HTTP/1.1 POST with a protobuf body). */
  HTTP
}
