package io.telemetryflow.devbackend;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Hands each call's metadata to the service implementation. gRPC services see only the decoded
 * message, so the wire facts a test asserts on (auth headers, method name, compression) are
 * captured here and passed along in the call's {@link Context}.
 */
final class GrpcMetadataInterceptor implements ServerInterceptor {

  /** What the interceptor saw of one call. */
  record CallInfo(String fullMethodName, Map<String, String> headers, boolean gzip) {}

  static final Context.Key<CallInfo> CALL_INFO = Context.key("otlp-receiver-call-info");

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata metadata, ServerCallHandler<ReqT, RespT> next) {
    Map<String, String> headers = toMap(metadata);
    boolean gzip = "gzip".equalsIgnoreCase(headers.get("grpc-encoding"));
    CallInfo info = new CallInfo(call.getMethodDescriptor().getFullMethodName(), headers, gzip);
    return Contexts.interceptCall(Context.current().withValue(CALL_INFO, info), call, metadata, next);
  }

  private static Map<String, String> toMap(Metadata metadata) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String key : metadata.keys()) {
      String name = key.toLowerCase(Locale.ROOT);
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        Iterable<byte[]> values = metadata.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER));
        headers.put(name, join(StreamSupport.stream(values.spliterator(), false)
            .map(Base64.getEncoder()::encodeToString).toList()));
      } else {
        Iterable<String> values = metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        headers.put(name, join(StreamSupport.stream(values.spliterator(), false).toList()));
      }
    }
    return headers;
  }

  private static String join(List<String> values) {
    return String.join(",", values);
  }
}
