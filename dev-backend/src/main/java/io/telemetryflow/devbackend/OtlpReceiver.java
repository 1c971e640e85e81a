package io.telemetryflow.devbackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A real OTLP receiver for tests: an OTLP/gRPC server and an OTLP/HTTP server on 127.0.0.1 that
 * decode every export with the official OTLP protos and keep it for assertions.
 *
 * <p>It accepts OTLP/gRPC on the three collector services (gzip or not, no auth: the TelemetryFlow
 * collector's gRPC server checks none) and OTLP/HTTP POSTs of protobuf bodies on
 * {@code /v1/{traces,metrics,logs}} and TelemetryFlow's {@code /v2/{traces,metrics,logs}} with the
 * TelemetryFlow collector's rules ({@link HttpOtlpServer}: raw bodies — gzip answered 400 —, the
 * {@code /v2} key-id checks, {@code 200 {}}). Requests that are not valid OTLP are answered with an error and listed in {@link
 * #protocolErrors()}. For reliability tests, {@link #respondWith(FaultMode)} makes it fail or hang.
 *
 * <pre>{@code
 * try (OtlpReceiver receiver = OtlpReceiver.start()) {
 *   // point the SDK at receiver.grpcEndpoint() or receiver.httpEndpoint(), emit a span ...
 *   ReceivedSpan span = receiver.awaitSpan("checkout", Duration.ofSeconds(10));
 *   assertThat(span.export().header("x-telemetryflow-key-id")).isEqualTo("tfk_test");
 * }
 * }</pre>
 *
 * <p>Thread-safe. Every wait is bounded, and {@link #stop()} returns within about five seconds even
 * with calls hanging.
 */
public final class OtlpReceiver implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  // A port freed by a previous receiver can take a moment to be bindable again.
  private static final Duration BIND_RETRY = Duration.ofSeconds(5);
  private static final long GRPC_TERMINATION_SECONDS = 3;

  private final ReceiverState state = new ReceiverState();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ExecutorService executor;
  private final GrpcOtlpServer grpc;
  private final HttpOtlpServer http;
  // Kept, because a terminated gRPC server no longer reports its port and tests reuse it after stop().
  private final ReceiverTls tls;
  private final int grpcPort;
  private final int httpPort;

  private OtlpReceiver(int grpcPort, int httpPort, ReceiverTls tls) throws IOException {
    this.tls = tls;
    executor = DaemonThreads.cachedPool("otlp-receiver");
    try {
      grpc = bind(grpcPort, () -> GrpcOtlpServer.start(grpcPort, state, executor, tls));
    } catch (IOException e) {
      executor.shutdownNow();
      throw e;
    }
    try {
      http = bind(httpPort, () -> HttpOtlpServer.start(httpPort, state, executor, tls));
    } catch (IOException e) {
      grpc.shutdownNow();
      grpc.awaitTermination(GRPC_TERMINATION_SECONDS, TimeUnit.SECONDS);
      executor.shutdownNow();
      throw e;
    }
    this.grpcPort = grpc.port();
    this.httpPort = http.port();
  }

  /** Starts both servers on free ephemeral ports of 127.0.0.1. */
  public static OtlpReceiver start() {
    return start(0, 0);
  }

  /**
   * Starts both servers on the given ports of 127.0.0.1 (0 picks a free one), e.g. to bring a
   * stopped receiver back on the same ports in an outage test. Retries binding for a few seconds,
   * since a port just released may not be bindable at once.
   *
   * @throws UncheckedIOException if a port cannot be bound
   */
  public static OtlpReceiver start(int grpcPort, int httpPort) {
    try {
      return new OtlpReceiver(grpcPort, httpPort, null);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "OtlpReceiver could not bind " + HOST + " (gRPC port " + grpcPort + ", HTTP port " + httpPort + ")", e);
    }
  }

  /**
   * Starts both servers on free ports of 127.0.0.1 with TLS (and client authentication when {@code tls} names
   * a client CA): the endpoints are then {@code https://}.
   *
   * @throws UncheckedIOException if a port cannot be bound or the TLS material is not usable
   */
  public static OtlpReceiver startTls(ReceiverTls tls) {
    try {
      return new OtlpReceiver(0, 0, java.util.Objects.requireNonNull(tls, "tls"));
    } catch (IOException e) {
      throw new UncheckedIOException("OtlpReceiver could not start with TLS on " + HOST, e);
    }
  }

  /** The bound OTLP/gRPC port (still answered after stop(), for restarting on it). */
  public int grpcPort() {
    return grpcPort;
  }

  /** The bound OTLP/HTTP port (still answered after stop(), for restarting on it). */
  public int httpPort() {
    return httpPort;
  }

  /** The OTLP/gRPC endpoint, {@code http://127.0.0.1:<grpcPort>} ({@code https://} with TLS). */
  public String grpcEndpoint() {
    return (tls == null ? "http://" : "https://") + HOST + ":" + grpcPort();
  }

  /** The OTLP/HTTP base endpoint, {@code http://127.0.0.1:<httpPort>} ({@code https://} with TLS), without a signal path. */
  public String httpEndpoint() {
    return (tls == null ? "http://" : "https://") + HOST + ":" + httpPort();
  }

  /** A full OTLP/HTTP URL, e.g. {@code httpUrl("/v1/traces")}, for exporters that want one. */
  public String httpUrl(String path) {
    return httpEndpoint() + (path.startsWith("/") ? path : "/" + path);
  }

  /** Every accepted export call, in arrival order (a snapshot). */
  public List<ReceivedExport> exports() {
    return state.exports();
  }

  /** Every accepted span, flattened out of the trace exports, in arrival order. */
  public List<ReceivedSpan> spans() {
    return ReceivedSpan.flatten(state.exports());
  }

  /** Every accepted metric, one entry per metric per export, in arrival order. */
  public List<ReceivedMetric> metrics() {
    return ReceivedMetric.flatten(state.exports());
  }

  /** Every accepted log record, flattened out of the log exports, in arrival order. */
  public List<ReceivedLog> logs() {
    return ReceivedLog.flatten(state.exports());
  }

  /** How many export calls were answered with a fault (or are hanging) rather than accepted. */
  public int rejectedCount() {
    return state.rejectedCount();
  }

  /**
   * Requests that were not valid OTLP exports (wrong method, path, content type, encoding or
   * body), each described with the status they got. Useful to see why nothing arrived.
   */
  public List<String> protocolErrors() {
    return state.protocolErrors();
  }

  /**
   * Waits for the first span with this name.
   *
   * @throws AssertionError on timeout, listing the spans that did arrive
   */
  public ReceivedSpan awaitSpan(String name, Duration timeout) {
    Objects.requireNonNull(name, "name");
    return awaitSpan(span -> span.name().equals(name), "a span named '" + name + "'", timeout);
  }

  /**
   * Waits for the first span that satisfies {@code condition}.
   *
   * @throws AssertionError on timeout, listing the spans that did arrive
   */
  public ReceivedSpan awaitSpan(Predicate<ReceivedSpan> condition, Duration timeout) {
    return awaitSpan(condition, "a span matching the condition", timeout);
  }

  private ReceivedSpan awaitSpan(Predicate<ReceivedSpan> condition, String what, Duration timeout) {
    return state.await(() -> first(spans(), condition), timeout, what, this::spanNames);
  }

  /**
   * Waits until at least {@code count} spans have arrived.
   *
   * @return all spans received so far (at least {@code count}), in arrival order
   * @throws AssertionError on timeout, listing the spans that did arrive
   */
  public List<ReceivedSpan> awaitSpans(int count, Duration timeout) {
    return state.await(() -> atLeast(spans(), count), timeout, count + " span(s)", this::spanNames);
  }

  /**
   * Waits for a metric with this name and returns its latest export (the last one received).
   *
   * @throws AssertionError on timeout, listing the metrics that did arrive
   */
  public ReceivedMetric awaitMetric(String name, Duration timeout) {
    return awaitMetric(name, metric -> true, timeout);
  }

  /**
   * Waits until the latest export of the metric with this name satisfies {@code condition}, e.g.
   * {@code m -> m.sumValue(Map.of("region", "eu")) == 5}. A condition that throws {@link
   * AssertionError} (say, the data point is not there yet) counts as not yet satisfied.
   *
   * @throws AssertionError on timeout, listing the metrics that did arrive
   */
  public ReceivedMetric awaitMetric(String name, Predicate<ReceivedMetric> condition, Duration timeout) {
    Objects.requireNonNull(name, "name");
    return state.await(
        () -> latest(metrics(), name).filter(metric -> holds(condition, metric)),
        timeout,
        "metric '" + name + "'" + " satisfying the condition",
        this::metricSummaries);
  }

  /**
   * Waits for the first log record whose body (as a string) equals {@code body}.
   *
   * @throws AssertionError on timeout, listing the log bodies that did arrive
   */
  public ReceivedLog awaitLog(String body, Duration timeout) {
    Objects.requireNonNull(body, "body");
    return state.await(() -> first(logs(), log -> log.body().equals(body)), timeout,
        "a log with body '" + body + "'", this::logBodies);
  }

  /**
   * Waits for the first log record that satisfies {@code condition}.
   *
   * @throws AssertionError on timeout, listing the log bodies that did arrive
   */
  public ReceivedLog awaitLog(Predicate<ReceivedLog> condition, Duration timeout) {
    return state.await(() -> first(logs(), condition), timeout, "a log matching the condition", this::logBodies);
  }

  /**
   * Waits until at least {@code count} export calls have been accepted.
   *
   * @return all accepted exports so far, in arrival order
   */
  public List<ReceivedExport> awaitExports(int count, Duration timeout) {
    return state.await(() -> atLeast(exports(), count), timeout, count + " export(s)", () -> "");
  }

  /**
   * Waits until at least {@code count} export calls have been rejected by the fault mode (for
   * HANG: are hanging), so a test knows its request reached the receiver.
   *
   * @return the rejected count
   */
  public int awaitRejected(int count, Duration timeout) {
    return state.await(() -> Optional.of(rejectedCount()).filter(n -> n >= count), timeout,
        count + " rejected export(s)", () -> "");
  }

  /**
   * Whether to play a generic OpenTelemetry collector on OTLP/HTTP — gzip bodies decoded, no
   * {@code /v2} key rules — instead of the TelemetryFlow collector (the default: gzip answered 400).
   */
  public OtlpReceiver acceptHttpGzip(boolean accept) {
    state.acceptHttpGzip(accept);
    return this;
  }

  /** Like the collector's {@code valid_api_key_ids}: other {@code tfk_} ids get 403 on {@code /v2}. */
  public OtlpReceiver allowKeyIds(java.util.Set<String> keyIds) {
    state.allowKeyIds(keyIds);
    return this;
  }

  /** Calls {@code listener} with every accepted export (on the receiving thread; keep it quick). */
  public OtlpReceiver onExport(java.util.function.Consumer<ReceivedExport> listener) {
    state.onExport(listener);
    return this;
  }

  /** Calls {@code listener} with every request refused as not a valid export (see {@link #protocolErrors()}). */
  public OtlpReceiver onProtocolError(java.util.function.Consumer<String> listener) {
    state.onProtocolError(listener);
    return this;
  }

  /** Keeps only the newest {@code max} exports (a long-running dev backend); tests keep all. */
  public OtlpReceiver retainAtMost(int max) {
    state.retainAtMost(max);
    return this;
  }

  /**
   * Answers every accepted export {@code delay} after recording it, as a backend across a network
   * would (its round trip), without holding up other calls: each waits on its own handler thread.
   * {@link Duration#ZERO} (the default) answers at once.
   */
  public OtlpReceiver answerAfter(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("delay must be 0 to 1 minute, got " + delay);
    }
    state.answerAfter(delay);
    return this;
  }

  /** Forgets all exports, the rejected count and protocol errors; releases hanging calls. Keeps the fault mode. */
  public void clear() {
    state.clear();
  }

  /**
   * Answers every export call from now on in this mode (default {@link FaultMode#ACCEPT}). Calls
   * hanging in a previous HANG mode are released with 503 / UNAVAILABLE.
   */
  public void respondWith(FaultMode mode) {
    state.respondWith(Objects.requireNonNull(mode, "mode"), -1);
  }

  /**
   * Answers the next {@code times} export calls in this fault mode, then accepts again, e.g. to
   * test that an exporter retries after one 503.
   */
  public void respondWith(FaultMode mode, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + times);
    }
    state.respondWith(Objects.requireNonNull(mode, "mode"), times);
  }

  /** The current fault mode (ACCEPT once a limited fault has been used up). */
  public FaultMode faultMode() {
    return state.mode();
  }

  /**
   * Stops both servers: releases hanging calls, closes the listeners and every connection, cancels
   * calls in flight. Returns within about five seconds; idempotent.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    state.stop(); // first, so parked handlers return and neither server waits on them
    grpc.shutdownNow();
    http.stop();
    grpc.awaitTermination(GRPC_TERMINATION_SECONDS, TimeUnit.SECONDS);
    executor.shutdownNow();
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "OtlpReceiver[grpc=" + grpcEndpoint() + ", http=" + httpEndpoint() + ", " + state.summary() + "]";
  }

  private String spanNames() {
    return "spans " + spans().stream().map(ReceivedSpan::name).toList();
  }

  private String metricSummaries() {
    return "metrics " + metrics().stream().map(ReceivedMetric::toString).toList();
  }

  private String logBodies() {
    return "logs " + logs().stream().map(ReceivedLog::toString).toList();
  }

  private static <T> Optional<T> first(List<T> items, Predicate<T> condition) {
    return items.stream().filter(condition).findFirst();
  }

  private static <T> Optional<List<T>> atLeast(List<T> items, int count) {
    return items.size() >= count ? Optional.of(items) : Optional.empty();
  }

  private static Optional<ReceivedMetric> latest(List<ReceivedMetric> metrics, String name) {
    List<ReceivedMetric> named = new ArrayList<>();
    for (ReceivedMetric metric : metrics) {
      if (metric.name().equals(name)) {
        named.add(metric);
      }
    }
    return named.isEmpty() ? Optional.empty() : Optional.of(named.get(named.size() - 1));
  }

  private static boolean holds(Predicate<ReceivedMetric> condition, ReceivedMetric metric) {
    try {
      return condition.test(metric);
    } catch (AssertionError notYet) {
      return false;
    }
  }

  private interface Binder<T> {
    T bind() throws IOException;
  }

  private static <T> T bind(int port, Binder<T> binder) throws IOException {
    long deadline = System.nanoTime() + BIND_RETRY.toNanos();
    while (true) {
      try {
        return binder.bind();
      } catch (IOException e) {
        if (port == 0 || System.nanoTime() >= deadline) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
