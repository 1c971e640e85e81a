package io.telemetryflow.devbackend;

import com.google.protobuf.Message;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The OTLP/gRPC side of {@link OtlpReceiver}: the three OTLP collector services on 127.0.0.1. */
final class GrpcOtlpServer {

  // Far above any OTLP batch a test sends, so size limits never masquerade as receiver bugs.
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private final Server server;
  private final ReceiverState state;

  private GrpcOtlpServer(int port, ReceiverState state, ExecutorService executor, ReceiverTls tls) throws IOException {
    this.state = state;
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
    if (tls != null) {
      var ssl = io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts.forServer(
          tls.certificateChain().toFile(), tls.privateKey().toFile());
      if (tls.mutual()) {
        ssl.trustManager(tls.clientCa().toFile())
            .clientAuth(io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth.REQUIRE);
      }
      builder.sslContext(ssl.build());
    }
    this.server =
        builder
            // Restarting on the same port (outage tests) must not trip over the old socket.
            .withOption(ChannelOption.SO_REUSEADDR, true)
            // Our own daemon pool: HANG parks handler threads, and they must not block the JVM.
            .executor(executor)
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .intercept(new GrpcMetadataInterceptor())
            .addService(new TraceService())
            .addService(new MetricsService())
            .addService(new LogsService())
            .build();
  }

  /** Binds and starts the server; {@code port} 0 picks a free port. */
  static GrpcOtlpServer start(int port, ReceiverState state, ExecutorService executor, ReceiverTls tls)
      throws IOException {
    GrpcOtlpServer grpc = new GrpcOtlpServer(port, state, executor, tls);
    try {
      grpc.server.start();
    } catch (IOException e) {
      grpc.server.shutdownNow(); // hand back the shared event loops of the server that never ran
      throw e;
    }
    return grpc;
  }

  int port() {
    return server.getPort();
  }

  /** Starts stopping: closes the listener and cancels in-flight calls; does not wait. */
  void shutdownNow() {
    server.shutdownNow();
  }

  /** Waits, bounded, until the server has terminated and its port is free again. */
  void awaitTermination(long timeout, TimeUnit unit) {
    try {
      server.awaitTermination(timeout, unit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private <R extends Message> void handle(Signal signal, Message request, StreamObserver<R> observer, R ok) {
    GrpcMetadataInterceptor.CallInfo call = GrpcMetadataInterceptor.CALL_INFO.get();
    String method = call == null ? "?" : call.fullMethodName();
    Map<String, String> headers = call == null ? Map.of() : call.headers();
    boolean gzip = call != null && call.gzip();
    ReceiverState.Admission admission = state.admit();
    switch (admission.mode().kind()) {
      case ACCEPT -> {
        state.record(new ReceivedExport(Transport.GRPC, signal, method, headers, gzip, request, Instant.now()));
        state.awaitAnswerDelay();
        answer(() -> {
          observer.onNext(ok);
          observer.onCompleted();
        });
      }
      case HANG -> {
        admission.awaitRelease();
        answer(() -> observer.onError(
            Status.UNAVAILABLE.withDescription("OtlpReceiver released a hanging call").asRuntimeException()));
      }
      default -> answer(() -> observer.onError(Status.fromCode(admission.mode().grpcStatusCode())
          .withDescription("fault injected by OtlpReceiver: " + admission.mode())
          .asRuntimeException()));
    }
  }

  private static void answer(Runnable response) {
    try {
      response.run();
    } catch (StatusRuntimeException | IllegalStateException e) {
      // The client gave up (deadline, cancel) or the server is stopping: nobody left to answer.
    }
  }

  private final class TraceService extends TraceServiceGrpc.TraceServiceImplBase {
    @Override
    public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> observer) {
      handle(Signal.TRACES, request, observer, ExportTraceServiceResponse.getDefaultInstance());
    }
  }

  private final class MetricsService extends MetricsServiceGrpc.MetricsServiceImplBase {
    @Override
    public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> observer) {
      handle(Signal.METRICS, request, observer, ExportMetricsServiceResponse.getDefaultInstance());
    }
  }

  private final class LogsService extends LogsServiceGrpc.LogsServiceImplBase {
    @Override
    public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> observer) {
      handle(Signal.LOGS, request, observer, ExportLogsServiceResponse.getDefaultInstance());
    }
  }
}
