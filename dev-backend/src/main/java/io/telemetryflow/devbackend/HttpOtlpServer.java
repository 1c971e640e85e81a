package io.telemetryflow.devbackend;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The OTLP/HTTP side of {@link OtlpReceiver}, with the TelemetryFlow collector's rules
 * (TELEMETRYFLOW-PLATFORM.md §1, {@code components/tfootlpreceiver/receiver.go}): POST
 * {@code /v1/*} (open) and {@code /v2/*} for traces, metrics and logs; the body is read raw — no
 * {@code Content-Encoding} handling, so a gzip body fails to unmarshal and is answered 400 (unless
 * {@link OtlpReceiver#acceptHttpGzip(boolean)} plays a generic OpenTelemetry collector); {@code /v2}
 * needs an {@code X-TelemetryFlow-Key-ID} starting with {@code tfk_} (401) and, when a list is set,
 * one of the listed ids (403); success is {@code 200 {}} as JSON.
 */
final class HttpOtlpServer {

  private static final String PROTOBUF = "application/x-protobuf";

  private static final Map<String, Signal> PATHS = Map.of(
      "/v1/traces", Signal.TRACES, "/v1/metrics", Signal.METRICS, "/v1/logs", Signal.LOGS,
      "/v2/traces", Signal.TRACES, "/v2/metrics", Signal.METRICS, "/v2/logs", Signal.LOGS);

  // Handlers still running; stop() lets released HANG handlers finish their 503 before closing.
  private static final long DRAIN_MILLIS = 1000;

  private final HttpServer server;
  private final ReceiverState state;
  private final Object drainLock = new Object();
  private int inFlight;

  private HttpOtlpServer(HttpServer server, ReceiverState state) {
    this.server = server;
    this.state = state;
  }

  /** Binds and starts the server on 127.0.0.1; {@code port} 0 picks a free port. */
  static HttpOtlpServer start(int port, ReceiverState state, ExecutorService executor, ReceiverTls tls)
      throws IOException {
    HttpServer server = tls == null
        ? HttpServers.create(new InetSocketAddress("127.0.0.1", port), 64)
        : HttpServers.createTls(new InetSocketAddress("127.0.0.1", port), 64, tls.sslContext(), tls.mutual());
    HttpOtlpServer http = new HttpOtlpServer(server, state);
    server.createContext("/", http::handle);
    // Our own daemon pool: HANG parks handler threads, and the default executor is one thread.
    server.setExecutor(executor);
    server.start();
    return http;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /**
   * Waits up to a second for running handlers (the caller has released hanging ones), then closes
   * the listener and every connection. Not HttpServer.stop(1): that always sleeps at least 200 ms.
   */
  void stop() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
    synchronized (drainLock) {
      long left;
      while (inFlight > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(drainLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    server.stop(0);
  }

  private void handle(HttpExchange exchange) {
    synchronized (drainLock) {
      inFlight++;
    }
    try {
      serve(exchange);
    } catch (IOException e) {
      // The client went away (its timeout, or stop() closed the connection) before we answered.
    } catch (RuntimeException e) {
      state.protocolError(describe(exchange) + ": receiver failed: " + e);
    } finally {
      exchange.close();
      synchronized (drainLock) {
        inFlight--;
        drainLock.notifyAll();
      }
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    // Read the body first, whatever the outcome, so the connection stays usable for the client.
    byte[] body = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getPath();
    Signal signal = PATHS.get(path);
    if (!"POST".equals(exchange.getRequestMethod())) {
      reject(exchange, 405, "method not allowed");
      return;
    }
    if (signal == null) {
      reject(exchange, 404, "not an OTLP path");
      return;
    }
    if (path.startsWith("/v2/") && !state.acceptsHttpGzip()) { // generic OTLP mode: no key rules
      String keyId = exchange.getRequestHeaders().getFirst("X-TelemetryFlow-Key-ID");
      if (keyId == null || keyId.isEmpty()) {
        rejectJson(exchange, 401, "missing TelemetryFlow API Key ID");
        return;
      }
      if (!keyId.startsWith("tfk_")) {
        rejectJson(exchange, 401, "invalid TelemetryFlow API Key ID format");
        return;
      }
      if (!state.keyIdAllowed(keyId)) {
        rejectJson(exchange, 403, "API Key ID not authorized");
        return;
      }
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if ("application/json".equals(contentType)) {
      reject(exchange, 415, "OTLP/JSON is not decoded by this receiver (the SDK sends protobuf)");
      return;
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    boolean gzip = "gzip".equalsIgnoreCase(encoding);
    Message request;
    try {
      request = parse(signal, gzip && state.acceptsHttpGzip() ? gunzip(body) : body);
    } catch (IOException e) {
      // the collector's words: "Failed to unmarshal ..." (a gzip body is not protobuf)
      rejectPlain(exchange, 400, "Failed to unmarshal " + signal.name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
      return;
    }
    answer(exchange, new ReceivedExport(
        Transport.HTTP, signal, path, headers(exchange), gzip, request, Instant.now()));
  }

  private void answer(HttpExchange exchange, ReceivedExport export) throws IOException {
    ReceiverState.Admission admission = state.admit();
    switch (admission.mode().kind()) {
      case ACCEPT -> {
        state.record(export);
        state.awaitAnswerDelay();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, 200, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)); // the collector's answer
      }
      case HANG -> {
        admission.awaitRelease();
        respond(exchange, 503, status(admission.mode(), "OtlpReceiver released a hanging call"));
      }
      default -> respond(exchange, admission.mode().httpStatusCode(),
          status(admission.mode(), "fault injected by OtlpReceiver: " + admission.mode()));
    }
  }

  private void reject(HttpExchange exchange, int status, String reason) throws IOException {
    state.protocolError(describe(exchange) + " -> " + status + " " + reason);
    respond(exchange, status, com.google.rpc.Status.newBuilder()
        .setCode(io.grpc.Status.Code.INVALID_ARGUMENT.value()).setMessage(reason).build().toByteArray());
  }

  private void rejectJson(HttpExchange exchange, int status, String error) throws IOException {
    state.protocolError(describe(exchange) + " -> " + status + " " + error);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    send(exchange, status, ("{\"error\": \"" + error + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void rejectPlain(HttpExchange exchange, int status, String error) throws IOException {
    state.protocolError(describe(exchange) + " -> " + status + " " + error);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    send(exchange, status, error.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Message parse(Signal signal, byte[] body) throws InvalidProtocolBufferException {
    return switch (signal) {
      case TRACES -> ExportTraceServiceRequest.parseFrom(body);
      case METRICS -> ExportMetricsServiceRequest.parseFrom(body);
      case LOGS -> ExportLogsServiceRequest.parseFrom(body);
    };
  }

  // OTLP/HTTP error bodies are a protobuf google.rpc.Status; exporters log its message.
  private static byte[] status(FaultMode mode, String message) {
    return com.google.rpc.Status.newBuilder()
        .setCode(mode.grpcStatusCode().value()).setMessage(message).build().toByteArray();
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
    send(exchange, status, body);
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    // -1: no body at all (Content-Length: 0); 0 would mean chunked.
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }

  // The JDK capitalises header names ("Content-type"); tests want them as sent on the wire: lower case.
  private static Map<String, String> headers(HttpExchange exchange) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      headers.put(header.getKey().toLowerCase(Locale.ROOT), String.join(",", header.getValue()));
    }
    return headers;
  }

  private static String describe(HttpExchange exchange) {
    return "HTTP " + exchange.getRequestMethod() + " " + exchange.getRequestURI();
  }
}
