package io.telemetryflow.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A local stand-in for the TelemetryFlow query API (DESIGN §8), for tests and the demo: an HTTP
 * server on 127.0.0.1 that answers the query endpoints from what an {@link OtlpReceiver} has
 * actually received over OTLP. Point the SDK's {@code queryEndpoint} at {@link #url()}, write
 * telemetry with the SDK into the receiver, read it back with the SDK.
 *
 * <pre>{@code
 * try (OtlpReceiver receiver = OtlpReceiver.start();
 *      DevQueryBackend backend = DevQueryBackend.start(receiver, "tfk_test", "tfs_test_secret")) {
 *   TelemetryClient client = TelemetryClient.builder().apiKey("tfk_test", "tfs_test_secret")
 *       .endpoint(receiver.grpcEndpoint()).insecure(true).service("svc", "1.0")
 *       .queryEndpoint(URI.create(backend.url())).build().initialize();
 *   ...
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code GET /api/v1/metrics}, {@code /api/v1/metrics/aggregate}, {@code /api/v1/logs},
 * {@code /api/v1/traces/{traceId}}, {@code /api/v1/traces}. Their semantics (series, aggregation,
 * ordering, search) are documented on {@link DevMetrics}, {@link DevLogs} and {@link DevTraces}.
 * Every request needs {@code authorization: Bearer <keyId>:<secret>} and a matching
 * {@code x-telemetryflow-key-id} (else 401); bad parameters get 400, unknown paths and traces 404,
 * other methods 405 — each with a JSON {@code {"error": "..."}} body. Every request is recorded
 * (see {@link #requests()}) so tests can check what went over the wire.
 *
 * <p>Reads the receiver on every request, so data arriving later is visible at once. Thread-safe.
 */
public final class DevQueryBackend implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final String PREFIX = "/api/v1";
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final int MAX_RECORDED = 1000;

  /**
   * One request as it arrived.
   *
   * @param method the HTTP method
   * @param uri the raw request URI (path and encoded query string)
   * @param headers request headers, names in lower case, repeated values joined with {@code ","}
   * @param status the status it was answered with
   */
  public record Request(String method, URI uri, Map<String, String> headers, int status) {
    /** Copies. */
    public Request {
      headers = Map.copyOf(headers);
    }
  }

  private final OtlpReceiver receiver;
  private final String expectedKeyId;
  private final String expectedSecret;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Deque<Request> requests = new ArrayDeque<>();
  private final AtomicBoolean stopped = new AtomicBoolean();

  private DevQueryBackend(OtlpReceiver receiver, String keyId, String secret) throws IOException {
    this.receiver = Objects.requireNonNull(receiver, "receiver");
    this.expectedKeyId = keyId;
    this.expectedSecret = secret;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), 0), 64);
    this.executor = DaemonThreads.cachedPool("dev-query-backend");
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts on a free port of 127.0.0.1, accepting any well-formed key pair ({@code tfk_…}/{@code tfs_…}). */
  public static DevQueryBackend start(OtlpReceiver receiver) {
    return create(receiver, null, null);
  }

  /** Starts on a free port of 127.0.0.1, accepting only this key pair. */
  public static DevQueryBackend start(OtlpReceiver receiver, String keyId, String keySecret) {
    return create(receiver, Objects.requireNonNull(keyId, "keyId"), Objects.requireNonNull(keySecret, "keySecret"));
  }

  private static DevQueryBackend create(OtlpReceiver receiver, String keyId, String secret) {
    try {
      return new DevQueryBackend(receiver, keyId, secret);
    } catch (IOException e) {
      throw new UncheckedIOException("DevQueryBackend could not bind " + HOST, e);
    }
  }

  /** The base URL for the SDK's {@code queryEndpoint}, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://" + HOST + ":" + port();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The last (up to 1000) requests, oldest first. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Stops the server; idempotent. */
  public void stop() {
    if (stopped.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "DevQueryBackend[" + url() + "]";
  }

  private void handle(HttpExchange exchange) throws IOException {
    int status;
    Object body;
    try {
      String path = exchange.getRequestURI().getRawPath();
      if (!exchange.getRequestMethod().equals("GET")) {
        status = 405;
        body = error("only GET is supported");
      } else if (!authorized(exchange)) {
        status = 401;
        body = error("missing or invalid credentials");
      } else {
        status = 200;
        body = route(path, DevParams.parse(exchange.getRequestURI().getRawQuery()));
        if (body == null) {
          status = 404;
          body = error("not found: " + path);
        }
      }
    } catch (DevParams.BadRequest e) {
      status = 400;
      body = error(e.getMessage());
    } catch (RuntimeException e) {
      status = 500;
      body = error("internal error: " + e.getClass().getSimpleName());
    }
    record(exchange, status);
    respond(exchange, status, DevJson.write(body));
  }

  /** The answer of a GET, or {@code null} for 404. */
  private Object route(String path, DevParams params) {
    switch (path) {
      case PREFIX + "/metrics":
        return DevMetrics.series(params, DevMetrics.points(receiver.metrics()));
      case PREFIX + "/metrics/aggregate":
        return DevMetrics.aggregate(params, DevMetrics.points(receiver.metrics()));
      case PREFIX + "/logs":
        return DevLogs.query(params, DevLogs.entries(receiver.logs()));
      case PREFIX + "/traces":
        return DevTraces.search(params, DevTraces.assemble(receiver.spans()));
      default:
        break;
    }
    String tracePrefix = PREFIX + "/traces/";
    if (path.startsWith(tracePrefix)) {
      String id = path.substring(tracePrefix.length());
      if (!TRACE_ID.matcher(id).matches()) {
        throw new DevParams.BadRequest("a trace id is 32 lower-case hex characters");
      }
      DevTraces.Trace trace = DevTraces.assemble(receiver.spans()).get(id);
      return trace == null ? null : DevTraces.detail(trace);
    }
    return null;
  }

  private boolean authorized(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("authorization");
    String keyIdHeader = exchange.getRequestHeaders().getFirst("x-telemetryflow-key-id");
    if (auth == null || keyIdHeader == null || !auth.startsWith("Bearer ")) {
      return false;
    }
    String token = auth.substring("Bearer ".length());
    int colon = token.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String keyId = token.substring(0, colon);
    String secret = token.substring(colon + 1);
    if (!keyId.startsWith("tfk_") || !secret.startsWith("tfs_") || !keyId.equals(keyIdHeader)) {
      return false;
    }
    return expectedKeyId == null
        || expectedKeyId.equals(keyId) && MessageDigest.isEqual(
            expectedSecret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
  }

  private void record(HttpExchange exchange, int status) {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    Request r = new Request(exchange.getRequestMethod(), exchange.getRequestURI(), headers, status);
    synchronized (requests) {
      if (requests.size() == MAX_RECORDED) {
        requests.removeFirst();
      }
      requests.addLast(r);
    }
  }

  private static Map<String, Object> error(String message) {
    return DevJson.object("error", message);
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("content-type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
