package io.telemetryflow.devbackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sends real OTLP exports with the OpenTelemetry SDK exporters and checks what the receiver decoded. */
class OtlpReceiverTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String JDK_SENDER = "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider";
  private static final String OKHTTP_SENDER = "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSenderProvider";
  private static final Resource RESOURCE =
      Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "orders")));
  private static final AttributeKey<String> REGION = AttributeKey.stringKey("region");

  private OtlpReceiver receiver;

  @BeforeEach
  void startReceiver() {
    receiver = OtlpReceiver.start().acceptHttpGzip(true); // also a generic OTLP backend (gzip on HTTP)
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void bindsLoopbackOnTwoPorts() {
    assertThat(receiver.grpcPort()).isPositive().isNotEqualTo(receiver.httpPort());
    assertThat(receiver.grpcEndpoint()).isEqualTo("http://127.0.0.1:" + receiver.grpcPort());
    assertThat(receiver.httpEndpoint()).isEqualTo("http://127.0.0.1:" + receiver.httpPort());
    assertThat(receiver.httpUrl("/v2/traces")).isEqualTo(receiver.httpEndpoint() + "/v2/traces");
  }

  @ParameterizedTest(name = "compression={0}")
  @ValueSource(strings = {"gzip", "none"})
  void decodesGrpcTraces(String compression) {
    SpanContext sent = emitSpans(OtlpGrpcSpanExporter.builder()
        .setEndpoint(receiver.grpcEndpoint())
        .setCompression(compression)
        .addHeader("x-telemetryflow-key-id", "tfk_test")
        .setTimeout(WAIT)
        .build());

    ReceivedSpan span = receiver.awaitSpan("checkout", WAIT);
    assertThat(span.attributes())
        .containsEntry("order.id", "o-1")
        .containsEntry("order.items", 3L)
        .containsEntry("order.paid", true)
        .containsEntry("order.total", 12.5)
        .containsEntry("tags", List.of("a", "b"));
    assertThat(span.resourceAttributes()).containsEntry("service.name", "orders");
    assertThat(span.scopeName()).isEqualTo("io.telemetryflow.test");
    assertThat(span.kind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.status().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(span.status().getMessage()).isEqualTo("boom");
    assertThat(span.eventNames()).containsExactly("validated");
    assertThat(span.traceId()).isEqualTo(sent.getTraceId());
    assertThat(span.spanId()).isEqualTo(sent.getSpanId());
    assertThat(span.parentSpanId()).isEmpty();

    ReceivedSpan child = receiver.awaitSpan("db.query", WAIT);
    assertThat(child.traceId()).isEqualTo(span.traceId());
    assertThat(child.parentSpanId()).isEqualTo(span.spanId());

    ReceivedExport export = span.export();
    assertThat(export.transport()).isEqualTo(Transport.GRPC);
    assertThat(export.signal()).isEqualTo(Signal.TRACES);
    assertThat(export.path()).isEqualTo("opentelemetry.proto.collector.trace.v1.TraceService/Export");
    assertThat(export.header("X-TelemetryFlow-Key-Id")).isEqualTo("tfk_test");
    assertThat(export.headers()).containsEntry("x-telemetryflow-key-id", "tfk_test");
    assertThat(export.gzip()).isEqualTo(compression.equals("gzip"));
    assertThat(receiver.exports()).allSatisfy(e -> assertThat(e.gzip()).isEqualTo(compression.equals("gzip")));
  }

  @ParameterizedTest(name = "sender={0} compression={1} path={2}")
  @CsvSource({
    JDK_SENDER + ",gzip,/v1/traces",
    JDK_SENDER + ",none,/v2/traces",
    OKHTTP_SENDER + ",gzip,/v2/traces",
    OKHTTP_SENDER + ",none,/v1/traces"
  })
  void decodesHttpTraces(String sender, String compression, String path) {
    SpanContext sent = emitSpans(OtlpHttpSpanExporter.builder()
        .setComponentLoader(onlyHttpSender(sender))
        .setEndpoint(receiver.httpUrl(path))
        .setCompression(compression)
        .addHeader("authorization", "Bearer tfk_test:tfs_secret")
        .addHeader("x-telemetryflow-api-version", "v2")
        .setTimeout(WAIT)
        .build());

    List<ReceivedSpan> spans = receiver.awaitSpans(2, WAIT);
    assertThat(spans).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("checkout", "db.query");
    ReceivedSpan span = receiver.awaitSpan("checkout", WAIT);
    assertThat(span.traceId()).isEqualTo(sent.getTraceId());
    assertThat(span.attributes()).containsEntry("order.items", 3L);
    assertThat(span.resourceAttributes()).containsEntry("service.name", "orders");

    ReceivedExport export = span.export();
    assertThat(export.transport()).isEqualTo(Transport.HTTP);
    assertThat(export.signal()).isEqualTo(Signal.TRACES);
    assertThat(export.path()).isEqualTo(path);
    assertThat(export.header("content-type")).startsWith("application/x-protobuf");
    assertThat(export.header("authorization")).isEqualTo("Bearer tfk_test:tfs_secret");
    assertThat(export.header("x-telemetryflow-api-version")).isEqualTo("v2");
    assertThat(export.gzip()).isEqualTo(compression.equals("gzip"));
    assertThat(receiver.protocolErrors()).isEmpty();
  }

  @ParameterizedTest(name = "transport={0}")
  @ValueSource(strings = {"GRPC", "HTTP"})
  void decodesMetrics(Transport transport) {
    MetricExporter exporter = transport == Transport.GRPC
        ? OtlpGrpcMetricExporter.builder().setEndpoint(receiver.grpcEndpoint()).setTimeout(WAIT).build()
        : OtlpHttpMetricExporter.builder()
            .setComponentLoader(onlyHttpSender(JDK_SENDER))
            .setEndpoint(receiver.httpUrl("/v1/metrics")).setTimeout(WAIT).build();
    SdkMeterProvider meterProvider = SdkMeterProvider.builder()
        .setResource(RESOURCE)
        // A reader that never fires on its own: the test flushes when the values are in.
        .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
        .build();
    try {
      Meter meter = meterProvider.get("io.telemetryflow.test");
      var orders = meter.counterBuilder("orders.placed").setUnit("{order}").build();
      orders.add(3, Attributes.of(REGION, "eu"));
      orders.add(2, Attributes.of(REGION, "eu"));
      orders.add(1, Attributes.of(REGION, "us"));
      var duration = meter.histogramBuilder("checkout.duration").setUnit("ms").build();
      duration.record(10);
      duration.record(20);
      meter.gaugeBuilder("cpu.temperature").build().set(21.5, Attributes.of(AttributeKey.longKey("core"), 0L));
      assertThat(meterProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    } finally {
      meterProvider.shutdown().join(10, TimeUnit.SECONDS);
    }

    ReceivedMetric counter = receiver.awaitMetric("orders.placed", WAIT);
    assertThat(counter.sumValue(Map.of("region", "eu"))).isEqualTo(5.0);
    assertThat(counter.sumValue(Map.of("region", "us"))).isEqualTo(1.0);
    assertThat(counter.isMonotonic()).isTrue();
    assertThat(counter.unit()).isEqualTo("{order}");
    assertThat(counter.scopeName()).isEqualTo("io.telemetryflow.test");
    assertThat(counter.resourceAttributes()).containsEntry("service.name", "orders");
    assertThat(counter.dataPointAttributes()).containsExactlyInAnyOrder(Map.of("region", "eu"), Map.of("region", "us"));
    assertThatThrownBy(() -> counter.sumValue(Map.of("region", "asia")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("orders.placed");

    ReceivedMetric histogram = receiver.awaitMetric("checkout.duration", WAIT);
    assertThat(histogram.histogramCount()).isEqualTo(2);
    assertThat(histogram.histogramSum()).isEqualTo(30.0);
    assertThat(histogram.unit()).isEqualTo("ms");

    // An Integer in the expected map matches the Long attribute on the wire.
    ReceivedMetric gauge = receiver.awaitMetric("cpu.temperature", m -> m.gaugeValue(Map.of("core", 0)) == 21.5, WAIT);
    assertThat(gauge.attributes()).isEqualTo(Map.of("core", 0L));

    assertThat(counter.export().path()).isEqualTo(transport == Transport.GRPC
        ? "opentelemetry.proto.collector.metrics.v1.MetricsService/Export"
        : "/v1/metrics");
    assertThat(counter.export().signal()).isEqualTo(Signal.METRICS);
  }

  @ParameterizedTest(name = "transport={0}")
  @ValueSource(strings = {"GRPC", "HTTP"})
  void decodesLogs(Transport transport) {
    LogRecordExporter exporter = transport == Transport.GRPC
        ? OtlpGrpcLogRecordExporter.builder().setEndpoint(receiver.grpcEndpoint()).setCompression("gzip")
            .setTimeout(WAIT).build()
        : OtlpHttpLogRecordExporter.builder()
            .setComponentLoader(onlyHttpSender(JDK_SENDER))
            .setEndpoint(receiver.httpUrl("/v2/logs")).setCompression("gzip").setTimeout(WAIT).build();
    SpanContext spanContext = SpanContext.create(
        "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
    SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
        .setResource(RESOURCE)
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
        .build();
    try {
      loggerProvider.get("io.telemetryflow.test").logRecordBuilder()
          .setContext(Context.root().with(Span.wrap(spanContext)))
          .setBody("order placed")
          .setSeverity(Severity.INFO)
          .setSeverityText("INFO")
          .setAttribute(AttributeKey.stringKey("order.id"), "o-1")
          .emit();
      assertThat(loggerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    } finally {
      loggerProvider.shutdown().join(10, TimeUnit.SECONDS);
    }

    ReceivedLog log = receiver.awaitLog("order placed", WAIT);
    assertThat(log.severityNumber()).isEqualTo(Severity.INFO.getSeverityNumber());
    assertThat(log.severityText()).isEqualTo("INFO");
    assertThat(log.attributes()).containsEntry("order.id", "o-1");
    assertThat(log.resourceAttributes()).containsEntry("service.name", "orders");
    assertThat(log.scopeName()).isEqualTo("io.telemetryflow.test");
    assertThat(log.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(log.spanId()).isEqualTo("b7ad6b7169203331");
    assertThat(log.export().gzip()).isTrue();
    assertThat(log.export().signal()).isEqualTo(Signal.LOGS);
    assertThat(log.export().path()).isEqualTo(transport == Transport.GRPC
        ? "opentelemetry.proto.collector.logs.v1.LogsService/Export"
        : "/v2/logs");
    assertThat(receiver.awaitLog(l -> l.severityNumber() == 9, WAIT)).isEqualTo(log);
  }

  @Test
  void httpStatusFaultFailsTheExporterAndIsNotRecorded() {
    receiver.respondWith(FaultMode.httpStatus(503));
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setComponentLoader(onlyHttpSender(JDK_SENDER))
        .setEndpoint(receiver.httpUrl("/v2/traces"))
        .setRetryPolicy(null)
        .setTimeout(WAIT)
        .build();
    try {
      CompletableResultCode result = exporter.export(sampleSpans()).join(10, TimeUnit.SECONDS);

      assertThat(result.isSuccess()).isFalse();
      assertThat(result.getFailureThrowable()).isInstanceOfSatisfying(FailedExportException.HttpExportException.class,
          failure -> assertThat(failure.getResponse().getStatusCode()).isEqualTo(503));
    } finally {
      exporter.shutdown().join(10, TimeUnit.SECONDS);
    }
    assertThat(receiver.exports()).isEmpty();
    assertThat(receiver.rejectedCount()).isEqualTo(1);
    assertThat(receiver.faultMode()).isEqualTo(FaultMode.httpStatus(503));
  }

  @Test
  void grpcStatusFaultFailsTheExporterWithThatCode() {
    receiver.respondWith(FaultMode.grpcStatus(Status.Code.UNAUTHENTICATED));
    OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder()
        .setEndpoint(receiver.grpcEndpoint())
        .setRetryPolicy(null)
        .setTimeout(WAIT)
        .build();
    try {
      CompletableResultCode result = exporter.export(sampleSpans()).join(10, TimeUnit.SECONDS);

      assertThat(result.isSuccess()).isFalse();
      assertThat(result.getFailureThrowable()).isInstanceOfSatisfying(FailedExportException.GrpcExportException.class,
          failure -> assertThat(failure.getResponse().getStatusCode()).isEqualTo(GrpcStatusCode.UNAUTHENTICATED));
    } finally {
      exporter.shutdown().join(10, TimeUnit.SECONDS);
    }
    assertThat(receiver.exports()).isEmpty();
    assertThat(receiver.rejectedCount()).isEqualTo(1);
  }

  @Test
  void faultModesMapBetweenTransports() {
    assertThat(FaultMode.httpStatus(503).grpcStatusCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(FaultMode.httpStatus(429).grpcStatusCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(FaultMode.httpStatus(401).grpcStatusCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(FaultMode.grpcStatus(Status.Code.UNAVAILABLE).httpStatusCode()).isEqualTo(503);
    assertThat(FaultMode.grpcStatus(Status.Code.UNAUTHENTICATED).httpStatusCode()).isEqualTo(401);
    assertThatThrownBy(() -> FaultMode.httpStatus(200)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultMode.grpcStatus(Status.Code.OK)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void limitedFaultLetsTheExporterRetryThenSucceed() {
    receiver.respondWith(FaultMode.httpStatus(503), 1);
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setComponentLoader(onlyHttpSender(JDK_SENDER))
        .setEndpoint(receiver.httpUrl("/v1/traces"))
        .setRetryPolicy(RetryPolicy.builder()
            .setInitialBackoff(Duration.ofMillis(10)).setMaxBackoff(Duration.ofMillis(50)).build())
        .setTimeout(WAIT)
        .build();
    try {
      assertThat(exporter.export(sampleSpans()).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    } finally {
      exporter.shutdown().join(10, TimeUnit.SECONDS);
    }
    assertThat(receiver.rejectedCount()).isEqualTo(1);
    assertThat(receiver.exports()).hasSize(1);
    assertThat(receiver.faultMode()).isEqualTo(FaultMode.ACCEPT);
  }

  @Test
  void stopReturnsQuicklyWhileCallsHang() {
    receiver.respondWith(FaultMode.HANG);
    OtlpHttpSpanExporter http = OtlpHttpSpanExporter.builder()
        .setComponentLoader(onlyHttpSender(JDK_SENDER))
        .setEndpoint(receiver.httpUrl("/v1/traces")).setRetryPolicy(null).setTimeout(Duration.ofSeconds(60)).build();
    OtlpGrpcSpanExporter grpc = OtlpGrpcSpanExporter.builder()
        .setEndpoint(receiver.grpcEndpoint()).setRetryPolicy(null).setTimeout(Duration.ofSeconds(60)).build();
    try {
      CompletableResultCode httpResult = http.export(sampleSpans());
      CompletableResultCode grpcResult = grpc.export(sampleSpans());
      receiver.awaitRejected(2, WAIT); // both calls are now parked in the receiver
      assertThat(httpResult.isDone()).isFalse();
      assertThat(grpcResult.isDone()).isFalse();

      long started = System.nanoTime();
      receiver.stop();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

      assertThat(httpResult.join(10, TimeUnit.SECONDS).isSuccess()).isFalse();
      assertThat(grpcResult.join(10, TimeUnit.SECONDS).isSuccess()).isFalse();
      assertThat(receiver.exports()).isEmpty();
    } finally {
      http.shutdown().join(10, TimeUnit.SECONDS);
      grpc.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void changingTheModeReleasesHangingCalls() {
    receiver.respondWith(FaultMode.HANG);
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setComponentLoader(onlyHttpSender(JDK_SENDER))
        .setEndpoint(receiver.httpUrl("/v1/traces")).setRetryPolicy(null).setTimeout(Duration.ofSeconds(60)).build();
    try {
      CompletableResultCode hanging = exporter.export(sampleSpans());
      receiver.awaitRejected(1, WAIT);

      receiver.respondWith(FaultMode.ACCEPT);

      assertThat(hanging.join(10, TimeUnit.SECONDS).isSuccess()).isFalse();
      assertThat(exporter.export(sampleSpans()).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(receiver.exports()).hasSize(1);
    } finally {
      exporter.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void answerAfterRecordsAnExportAtOnceAndAnswersItAfterTheDelay() throws Exception {
    Duration delay = Duration.ofMillis(1500);
    receiver.answerAfter(delay);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.httpUrl("/v1/metrics")))
        .header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
        .build();
    long start = System.nanoTime();
    java.util.concurrent.CompletableFuture<HttpResponse<Void>> answer =
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding());

    receiver.awaitExports(1, WAIT);
    assertThat(answer).as("recorded, not yet answered").isNotDone();
    assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);

    receiver.answerAfter(Duration.ZERO);
    assertThat(post(client, "/v1/metrics", "application/x-protobuf", new byte[0])).isEqualTo(200);
    assertThatThrownBy(() -> receiver.answerAfter(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
    assertThatThrownBy(() -> receiver.answerAfter(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
  }

  @Test
  void restartsOnTheSamePorts() {
    int grpcPort = receiver.grpcPort();
    int httpPort = receiver.httpPort();
    receiver.stop();

    receiver = OtlpReceiver.start(grpcPort, httpPort).acceptHttpGzip(true);

    assertThat(receiver.grpcPort()).isEqualTo(grpcPort);
    assertThat(receiver.httpPort()).isEqualTo(httpPort);
    emitSpans(OtlpGrpcSpanExporter.builder().setEndpoint(receiver.grpcEndpoint()).setTimeout(WAIT).build());
    assertThat(receiver.awaitSpan("checkout", WAIT).export().transport()).isEqualTo(Transport.GRPC);
  }

  @Test
  void awaitTimeoutListsWhatArrived() {
    emitSpans(OtlpGrpcSpanExporter.builder().setEndpoint(receiver.grpcEndpoint()).setTimeout(WAIT).build());
    receiver.awaitSpans(2, WAIT);

    long started = System.nanoTime();
    assertThatThrownBy(() -> receiver.awaitSpan("missing", Duration.ofMillis(300)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("missing")
        .hasMessageContaining("checkout")
        .hasMessageContaining("db.query");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThatThrownBy(() -> receiver.awaitLog("nothing", Duration.ofMillis(100))).isInstanceOf(AssertionError.class);
  }

  @Test
  void clearForgetsEverything() {
    emitSpans(OtlpGrpcSpanExporter.builder().setEndpoint(receiver.grpcEndpoint()).setTimeout(WAIT).build());
    receiver.awaitSpans(2, WAIT);

    receiver.clear();

    assertThat(receiver.exports()).isEmpty();
    assertThat(receiver.spans()).isEmpty();
    assertThat(receiver.rejectedCount()).isZero();
  }

  @Test
  void answersInvalidHttpRequestsWithErrorsAndListsThem() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    byte[] notProtobuf = {(byte) 0xff, (byte) 0xff, (byte) 0xff};

    assertThat(post(client, "/v3/traces", "application/x-protobuf", new byte[0])).isEqualTo(404);
    assertThat(post(client, "/v1/traces", "application/json", "{}".getBytes())).isEqualTo(415);
    assertThat(post(client, "/v1/traces", "application/x-protobuf", notProtobuf)).isEqualTo(400);
    assertThat(client.send(HttpRequest.newBuilder(URI.create(receiver.httpUrl("/v1/traces"))).GET().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
    // An empty request is a valid (empty) OTLP export.
    assertThat(post(client, "/v1/metrics", "application/x-protobuf", new byte[0])).isEqualTo(200);

    assertThat(receiver.protocolErrors()).hasSize(4);
    assertThat(receiver.exports()).singleElement().satisfies(e -> assertThat(e.signal()).isEqualTo(Signal.METRICS));
  }

  private int post(HttpClient client, String path, String contentType, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.httpUrl(path)))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * Emits a SERVER span "checkout" with a child "db.query" through the exporter, flushes, and shuts
   * the provider (and so the exporter) down.
   *
   * @return the context of "checkout"
   */
  private static SpanContext emitSpans(SpanExporter exporter) {
    SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
        .setResource(RESOURCE)
        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
        .build();
    try {
      Tracer tracer = tracerProvider.get("io.telemetryflow.test");
      Span parent = tracer.spanBuilder("checkout")
          .setSpanKind(SpanKind.SERVER)
          .setAttribute("order.id", "o-1")
          .setAttribute("order.items", 3L)
          .setAttribute("order.paid", true)
          .setAttribute("order.total", 12.5)
          .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
          .startSpan();
      parent.addEvent("validated");
      tracer.spanBuilder("db.query").setParent(Context.root().with(parent)).startSpan().end();
      parent.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, "boom");
      parent.end();
      assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      return parent.getSpanContext();
    } finally {
      tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  /** One finished span as SpanData, for calling an exporter directly and seeing its result code. */
  private static List<SpanData> sampleSpans() {
    List<SpanData> captured = new CopyOnWriteArrayList<>();
    SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            captured.addAll(spans);
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        }))
        .build();
    tracerProvider.get("io.telemetryflow.test").spanBuilder("sample").startSpan().end();
    tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
    return new ArrayList<>(captured);
  }

  /**
   * Both the OkHttp and the JDK HTTP sender are on the classpath; the SDK would pick one with a
   * warning. This loader offers the exporter only the named one, without a global system property.
   */
  private static ComponentLoader onlyHttpSender(String providerClassName) {
    ComponentLoader all = ComponentLoader.forClassLoader(OtlpReceiverTest.class.getClassLoader());
    return new ComponentLoader() {
      @Override
      public <T> Iterable<T> load(Class<T> spiClass) {
        if (spiClass != HttpSenderProvider.class) {
          return all.load(spiClass);
        }
        List<T> chosen = new ArrayList<>();
        for (T provider : all.load(spiClass)) {
          if (provider.getClass().getName().equals(providerClassName)) {
            chosen.add(provider);
          }
        }
        return chosen;
      }
    };
  }
}
