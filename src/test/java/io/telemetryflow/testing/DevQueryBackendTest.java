package io.telemetryflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.TelemetrySpan;
import io.telemetryflow.sdk.domain.SpanKind;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The development query backend over real sockets: telemetry goes from the SDK over OTLP/gRPC into
 * an {@link OtlpReceiver}; this test reads it back with plain HTTP requests and checks the JSON of
 * DESIGN §8 field by field, and the backend's documented semantics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevQueryBackendTest {

  private static final String KEY_ID = "tfk_test";
  private static final String SECRET = "tfs_test_secret";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private OtlpReceiver receiver;
  private DevQueryBackend backend;
  private TelemetryClient client;
  private TelemetryClient otherClient;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Instant begin;
  private Instant midpoint;
  private Instant finish;
  private String checkoutTraceId;

  record Answer(int status, JsonNode json) {}

  @BeforeAll
  void writeTelemetry() throws Exception {
    receiver = OtlpReceiver.start();
    backend = DevQueryBackend.start(receiver, KEY_ID, SECRET);
    client = client("dev-svc");
    otherClient = client("other-svc");
    begin = Instant.now();

    // Metrics, export 1.
    client.incrementCounter("jobs.done", 2, Map.of("queue", "a", "host", "h1"));
    client.incrementCounter("jobs.done", 3, Map.of("queue", "b", "host", "h1"));
    client.incrementCounter("jobs.done", 4, Map.of("queue", "a", "host", "h2"));
    client.recordGauge("temperature", 20.5, Map.of("room", "r1"));
    client.recordGauge("temperature", 22.0, Map.of("room", "r2"));
    client.recordHistogram("latency", 0.25, "s", Map.of("route", "/x"));
    client.recordHistogram("latency", 0.5, "s", Map.of("route", "/x"));
    client.recordHistogram("latency", 1.25, "s", Map.of("route", "/y"));
    assertThat(client.flush(WAIT)).isTrue();
    receiver.awaitMetric("latency", WAIT);
    Thread.sleep(5); // collection timestamps of export 1 < midpoint < those of export 2
    midpoint = Instant.now();
    Thread.sleep(5);
    // Metrics, export 2: a cumulative counter repeats every series with its running total.
    client.incrementCounter("jobs.done", 1, Map.of("queue", "a", "host", "h1"));
    client.recordGauge("temperature", 21.5, Map.of("room", "r1"));
    client.recordHistogram("latency", 2.0, "s", Map.of("route", "/x"));

    // Logs: four inside a span, one outside, five for paging.
    try (TelemetrySpan span = client.span("log-span")) {
      span.setAttribute("area", "logs");
      client.logInfo("user signed in", Map.of("user", "alice"));
      client.logWarn("Disk almost full", Map.of("disk", "sda"));
      client.logError("Payment failed: card declined", Map.of("user", "bob"));
      client.logDebug("cache miss");
    }
    client.logInfo("standalone message");
    for (int i = 0; i < 5; i++) {
      client.logInfo("page-item " + i, Map.of("batch", "p"));
    }

    // Traces: a slow failing checkout, a quick health check, and another service's job.
    try (TelemetrySpan checkout = client.span("checkout", SpanKind.SERVER)) {
      checkoutTraceId = checkout.traceId();
      Thread.sleep(150);
      try (TelemetrySpan reserve = client.span("reserve")) {
        reserve.setAttribute("sku", "A-1");
      }
      String charge = client.startSpan("charge", SpanKind.CLIENT, Map.of("provider", "acme", "amount", 42));
      client.endSpan(charge, new IllegalStateException("card declined"));
    }
    try (TelemetrySpan health = client.span("healthcheck")) {
      health.setAttribute("probe", "liveness");
    }
    try (TelemetrySpan job = otherClient.span("sync-job")) {
      job.setAttribute("schedule", "hourly");
      try (TelemetrySpan fetch = otherClient.span("fetch")) {
        fetch.setAttribute("source", "s3");
      }
    }
    assertThat(client.flush(WAIT)).isTrue();
    assertThat(otherClient.flush(WAIT)).isTrue();
    receiver.awaitLog("page-item 4", WAIT);
    receiver.awaitSpans(7, WAIT);
    receiver.awaitMetric("jobs.done", m -> m.sumValue(Map.of("queue", "a", "host", "h1")) == 3, WAIT);
    finish = Instant.now().plusSeconds(60);
  }

  @AfterAll
  void stopAll() {
    if (client != null) {
      client.close();
    }
    if (otherClient != null) {
      otherClient.close();
    }
    if (backend != null) {
      backend.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private TelemetryClient client(String service) {
    return TelemetryClient.builder().apiKey(KEY_ID, SECRET).endpoint(receiver.grpcEndpoint()).insecure(true)
        .service(service, "1.0")
        // Long batch interval: only our explicit flushes export, so the number of exports is known.
        .batch(Duration.ofMinutes(5), 512)
        .queryEndpoint(URI.create(backend.url())).build().initialize();
  }

  // ------------------------------------------------------------------ HTTP helpers

  private Answer get(String pathAndQuery) throws Exception {
    return get(pathAndQuery, Map.of("authorization", "Bearer " + KEY_ID + ":" + SECRET, "x-telemetryflow-key-id", KEY_ID));
  }

  private Answer get(String pathAndQuery, Map<String, String> headers) throws Exception {
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(backend.url() + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).GET();
    headers.forEach(rb::header);
    HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }

  private Answer ok(String pathAndQuery) throws Exception {
    Answer a = get(pathAndQuery);
    assertThat(a.status()).as("%s → %s", pathAndQuery, a.json()).isEqualTo(200);
    return a;
  }

  /** Query string with the whole test window plus {@code extra} ({@code k=v&k2=v2}, values encoded here). */
  private String window(Instant from, Instant to, String... extra) {
    StringBuilder sb = new StringBuilder("start=").append(from).append("&end=").append(to);
    for (String e : extra) {
      int eq = e.indexOf('=');
      sb.append('&').append(e, 0, eq + 1).append(URLEncoder.encode(e.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private String all(String... extra) {
    return window(begin, finish, extra);
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  // ------------------------------------------------------------------ protocol


  @Test
  void refusesRequestsWithoutValidCredentials() throws Exception {
    String path = "/api/v1/logs?" + all();
    assertThat(get(path, Map.of()).status()).isEqualTo(401);
    assertThat(get(path, Map.of("x-telemetryflow-key-id", KEY_ID)).status()).isEqualTo(401);
    assertThat(get(path, Map.of("authorization", "Bearer " + KEY_ID + ":tfs_wrong",
        "x-telemetryflow-key-id", KEY_ID)).status()).isEqualTo(401);
    assertThat(get(path, Map.of("authorization", "Bearer " + KEY_ID + ":" + SECRET,
        "x-telemetryflow-key-id", "tfk_other")).status()).isEqualTo(401);
    Answer refused = get(path, Map.of("authorization", "Bearer " + KEY_ID + ":" + SECRET));
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().get("error").asText()).contains("credentials");
    assertThat(ok(path).json().get("logs").isArray()).isTrue();
  }

  @Test
  void answersUnknownPathsWith404AndOtherMethodsWith405() throws Exception {
    assertThat(get("/api/v1/nothing").status()).isEqualTo(404);
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(backend.url() + "/api/v1/logs"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/v1/metrics?start=2024-01-01T00:00:00Z",
      "/api/v1/metrics?name=x&start=yesterday",
      "/api/v1/metrics?name=x&start=2024-01-02T00:00:00Z&end=2024-01-01T00:00:00Z",
      "/api/v1/metrics/aggregate?name=x&aggregation=median",
      "/api/v1/logs?limit=0",
      "/api/v1/logs?limit=10001",
      "/api/v1/logs?offset=-1",
      "/api/v1/logs?severity=LOUD",
      "/api/v1/traces?hasError=maybe",
      "/api/v1/traces?minDurationMs=-5",
      "/api/v1/traces/not-a-trace-id"})
  void answersBadParametersWith400NamingTheProblem(String pathAndQuery) throws Exception {
    Answer a = get(pathAndQuery);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().get("error").asText()).isNotBlank();
  }

  @Test
  void recordsEveryRequestWithItsStatus() throws Exception {
    ok("/api/v1/traces?" + all("service=dev-svc"));
    DevQueryBackend.Request last = backend.requests().get(backend.requests().size() - 1);
    assertThat(last.method()).isEqualTo("GET");
    assertThat(last.uri().getRawPath()).isEqualTo("/api/v1/traces");
    assertThat(last.uri().getRawQuery()).contains("service=dev-svc");
    assertThat(last.headers()).containsEntry("x-telemetryflow-key-id", KEY_ID);
    assertThat(last.status()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ metrics


  @Test
  void listsPointsWithTimestampValueAndAttributesInTimeOrder() throws Exception {
    JsonNode body = ok("/api/v1/metrics?name=jobs.done&" + window(begin, midpoint)).json();
    assertThat(body.get("name").asText()).isEqualTo("jobs.done");
    JsonNode points = body.get("dataPoints");
    assertThat(points).hasSize(3);
    Map<String, Double> byQueueHost = new java.util.HashMap<>();
    for (JsonNode p : points) {
      Instant t = Instant.parse(p.get("timestamp").asText());
      assertThat(t).isAfterOrEqualTo(begin).isBefore(midpoint);
      byQueueHost.put(p.get("attributes").get("queue").asText() + "/" + p.get("attributes").get("host").asText(),
          p.get("value").asDouble());
    }
    assertThat(byQueueHost).containsExactlyInAnyOrderEntriesOf(Map.of("a/h1", 2.0, "b/h1", 3.0, "a/h2", 4.0));
  }

  @Test
  void cumulativeCounterRepeatsEachSeriesPerExport() throws Exception {
    JsonNode points = ok("/api/v1/metrics?name=jobs.done&" + all("filter.queue=a", "filter.host=h1"))
        .json().get("dataPoints");
    List<Double> values = new ArrayList<>();
    points.forEach(p -> values.add(p.get("value").asDouble()));
    assertThat(values).containsExactly(2.0, 3.0);
    assertThat(Instant.parse(points.get(0).get("timestamp").asText()))
        .isBefore(Instant.parse(points.get(1).get("timestamp").asText()));
  }

  @Test
  void filtersOnPointThenResourceAttributes() throws Exception {
    assertThat(ok("/api/v1/metrics?name=jobs.done&" + all("filter.host=h2")).json().get("dataPoints"))
        .allSatisfy(p -> assertThat(p.get("value").asDouble()).isEqualTo(4.0)).hasSize(2);
    assertThat(ok("/api/v1/metrics?name=jobs.done&" + all("filter.service.name=dev-svc")).json().get("dataPoints"))
        .hasSize(6);
    assertThat(ok("/api/v1/metrics?name=jobs.done&" + all("filter.service.name=nope")).json().get("dataPoints"))
        .isEmpty();
    assertThat(ok("/api/v1/metrics?name=no.such.metric&" + all()).json().get("dataPoints")).isEmpty();
  }

  @Test
  void groupBySumsPointsOfTheSameGroupAndTimestamp() throws Exception {
    JsonNode points = ok("/api/v1/metrics?name=jobs.done&" + window(begin, midpoint, "groupBy=queue"))
        .json().get("dataPoints");
    assertThat(points).hasSize(2);
    assertThat(points.get(0).get("attributes")).isEqualTo(JSON.valueToTree(Map.of("queue", "a")));
    assertThat(points.get(0).get("value").asDouble()).isEqualTo(6.0);
    assertThat(points.get(1).get("attributes")).isEqualTo(JSON.valueToTree(Map.of("queue", "b")));
    assertThat(points.get(1).get("value").asDouble()).isEqualTo(3.0);
  }

  @Test
  void aggregatesCountersOverTheLatestCumulativeValuePerSeries() throws Exception {
    String q = "/api/v1/metrics/aggregate?name=jobs.done&" + all();
    assertThat(ok(q + "&aggregation=sum").json().get("value").asDouble()).isEqualTo(10.0);
    assertThat(ok(q + "&aggregation=count").json().get("value").asDouble()).isEqualTo(3.0);
    assertThat(ok(q + "&aggregation=min").json().get("value").asDouble()).isEqualTo(3.0);
    assertThat(ok(q + "&aggregation=max").json().get("value").asDouble()).isEqualTo(4.0);
    assertThat(ok(q + "&aggregation=avg").json().get("value").asDouble()).isCloseTo(10.0 / 3, within(1e-9));

    JsonNode byQueue = ok(q + "&aggregation=SUM&groupBy=queue").json();
    assertThat(byQueue.get("value").asDouble()).isEqualTo(10.0);
    assertThat(byQueue.get("groups")).hasSize(2);
    assertThat(byQueue.get("groups").get(0).get("groupBy")).isEqualTo(JSON.valueToTree(Map.of("queue", "a")));
    assertThat(byQueue.get("groups").get(0).get("value").asDouble()).isEqualTo(7.0);
    assertThat(byQueue.get("groups").get(1).get("value").asDouble()).isEqualTo(3.0);

    JsonNode byBoth = ok(q + "&aggregation=sum&groupBy=host,queue").json().get("groups");
    assertThat(byBoth).hasSize(3);
    assertThat(byBoth.get(0).get("groupBy")).isEqualTo(JSON.valueToTree(Map.of("host", "h1", "queue", "a")));
    assertThat(byBoth.get(0).get("value").asDouble()).isEqualTo(3.0);
  }

  @Test
  void aggregatesGaugesOverEverySample() throws Exception {
    String q = "/api/v1/metrics/aggregate?name=temperature&" + window(begin, midpoint);
    assertThat(ok(q + "&aggregation=sum").json().get("value").asDouble()).isEqualTo(42.5);
    assertThat(ok(q + "&aggregation=avg").json().get("value").asDouble()).isEqualTo(21.25);
    assertThat(ok(q + "&aggregation=count").json().get("value").asDouble()).isEqualTo(2.0);
    assertThat(ok(q + "&aggregation=min").json().get("value").asDouble()).isEqualTo(20.5);
    assertThat(ok(q + "&aggregation=max").json().get("value").asDouble()).isEqualTo(22.0);
    JsonNode later = ok("/api/v1/metrics?name=temperature&" + window(midpoint, finish, "filter.room=r1")).json();
    assertThat(later.get("dataPoints").get(0).get("value").asDouble()).isEqualTo(21.5);
  }

  @Test
  void aggregatesHistogramsOverTheirMeasurements() throws Exception {
    String q = "/api/v1/metrics/aggregate?name=latency&" + all();
    // Latest cumulative points: /x = {0.25, 0.5, 2.0}, /y = {1.25}.
    assertThat(ok(q + "&aggregation=sum").json().get("value").asDouble()).isEqualTo(4.0);
    assertThat(ok(q + "&aggregation=count").json().get("value").asDouble()).isEqualTo(4.0);
    assertThat(ok(q + "&aggregation=avg").json().get("value").asDouble()).isEqualTo(1.0);
    assertThat(ok(q + "&aggregation=min").json().get("value").asDouble()).isEqualTo(0.25);
    assertThat(ok(q + "&aggregation=max").json().get("value").asDouble()).isEqualTo(2.0);
    JsonNode groups = ok(q + "&aggregation=avg&groupBy=route").json().get("groups");
    assertThat(groups.get(0).get("groupBy").get("route").asText()).isEqualTo("/x");
    assertThat(groups.get(0).get("value").asDouble()).isCloseTo(2.75 / 3, within(1e-9));
    assertThat(groups.get(1).get("value").asDouble()).isEqualTo(1.25);
    // A histogram point's value in the series is its sum.
    JsonNode early = ok("/api/v1/metrics?name=latency&" + window(begin, midpoint, "filter.route=/x")).json();
    assertThat(early.get("dataPoints").get(0).get("value").asDouble()).isEqualTo(0.75);
  }

  @Test
  void aggregatesNothingToZeroOrNull() throws Exception {
    String q = "/api/v1/metrics/aggregate?name=no.such.metric&" + all();
    assertThat(ok(q + "&aggregation=sum").json().get("value").asDouble()).isZero();
    assertThat(ok(q + "&aggregation=count").json().get("value").asDouble()).isZero();
    assertThat(ok(q + "&aggregation=avg").json().get("value").isNull()).isTrue();
    assertThat(ok(q + "&aggregation=max").json().get("value").isNull()).isTrue();
    assertThat(ok(q + "&aggregation=sum").json().get("groups")).isEmpty();
  }

  @Test
  void aggregatesDeltaSeriesBySummingTheirDeltas() throws Exception {
    Resource resource = Resource.getDefault().merge(
        Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "delta-svc")));
    SdkMeterProvider provider = SdkMeterProvider.builder().setResource(resource)
        .registerMetricReader(PeriodicMetricReader.builder(OtlpGrpcMetricExporter.builder()
                .setEndpoint(receiver.grpcEndpoint())
                .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred()).build())
            .setInterval(Duration.ofMinutes(5)).build())
        .build();
    try {
      Meter meter = provider.get("delta-test");
      LongCounter counter = meter.counterBuilder("delta.count").build();
      DoubleHistogram histogram = meter.histogramBuilder("delta.hist").build();
      Attributes attrs = Attributes.of(AttributeKey.stringKey("k"), "v");
      counter.add(2, attrs);
      histogram.record(1.0, attrs);
      assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      counter.add(3, attrs);
      histogram.record(3.0, attrs);
      assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
    String c = "/api/v1/metrics/aggregate?name=delta.count&" + window(begin, Instant.now().plusSeconds(60));
    assertThat(ok(c + "&aggregation=sum").json().get("value").asDouble()).isEqualTo(5.0);
    assertThat(ok(c + "&aggregation=count").json().get("value").asDouble()).isEqualTo(1.0);
    String h = "/api/v1/metrics/aggregate?name=delta.hist&" + window(begin, Instant.now().plusSeconds(60));
    assertThat(ok(h + "&aggregation=sum").json().get("value").asDouble()).isEqualTo(4.0);
    assertThat(ok(h + "&aggregation=count").json().get("value").asDouble()).isEqualTo(2.0);
    assertThat(ok(h + "&aggregation=min").json().get("value").asDouble()).isEqualTo(1.0);
    assertThat(ok(h + "&aggregation=max").json().get("value").asDouble()).isEqualTo(3.0);
  }

  // ------------------------------------------------------------------ logs


  @Test
  void returnsRecordsNewestFirstWithTheirFields() throws Exception {
    JsonNode body = ok("/api/v1/logs?" + all()).json();
    assertThat(body.get("totalCount").asLong()).isEqualTo(10);
    assertThat(body.get("hasMore").asBoolean()).isFalse();
    JsonNode logs = body.get("logs");
    assertThat(texts(logs, "message")).startsWith("page-item 4", "page-item 3").endsWith("user signed in");
    JsonNode error = logs.get(texts(logs, "message").indexOf("Payment failed: card declined"));
    assertThat(error.get("severity").asText()).isEqualTo("ERROR");
    assertThat(error.get("attributes")).isEqualTo(JSON.valueToTree(Map.of("user", "bob")));
    assertThat(error.get("traceId").asText()).matches("[0-9a-f]{32}");
    assertThat(error.get("spanId").asText()).matches("[0-9a-f]{16}");
    assertThat(Instant.parse(error.get("timestamp").asText())).isAfterOrEqualTo(begin);
    JsonNode standalone = logs.get(texts(logs, "message").indexOf("standalone message"));
    assertThat(standalone.get("traceId").isNull()).isTrue();
    assertThat(standalone.get("spanId").isNull()).isTrue();
  }

  @Test
  void filtersBySeveritySearchAndAttributes() throws Exception {
    assertThat(texts(ok("/api/v1/logs?" + all("severity=ERROR")).json().get("logs"), "message"))
        .containsExactly("Payment failed: card declined");
    assertThat(texts(ok("/api/v1/logs?" + all("severity=warn,DEBUG")).json().get("logs"), "message"))
        .containsExactly("cache miss", "Disk almost full");
    assertThat(texts(ok("/api/v1/logs?" + all("search=PAYMENT")).json().get("logs"), "message"))
        .containsExactly("Payment failed: card declined");
    assertThat(texts(ok("/api/v1/logs?" + all("search=almost full")).json().get("logs"), "message"))
        .containsExactly("Disk almost full");
    assertThat(texts(ok("/api/v1/logs?" + all("filter.user=alice")).json().get("logs"), "message"))
        .containsExactly("user signed in");
    assertThat(ok("/api/v1/logs?" + all("filter.service.name=dev-svc")).json().get("totalCount").asLong())
        .isEqualTo(10);
    assertThat(ok("/api/v1/logs?" + window(finish, finish.plusSeconds(1))).json().get("logs")).isEmpty();
  }

  @Test
  void pagesWithLimitAndOffset() throws Exception {
    String q = "/api/v1/logs?" + all("filter.batch=p", "limit=2");
    JsonNode first = ok(q).json();
    assertThat(texts(first.get("logs"), "message")).containsExactly("page-item 4", "page-item 3");
    assertThat(first.get("totalCount").asLong()).isEqualTo(5);
    assertThat(first.get("hasMore").asBoolean()).isTrue();
    JsonNode second = ok(q + "&offset=2").json();
    assertThat(texts(second.get("logs"), "message")).containsExactly("page-item 2", "page-item 1");
    assertThat(second.get("hasMore").asBoolean()).isTrue();
    JsonNode last = ok(q + "&offset=4").json();
    assertThat(texts(last.get("logs"), "message")).containsExactly("page-item 0");
    assertThat(last.get("hasMore").asBoolean()).isFalse();
    JsonNode beyond = ok(q + "&offset=50").json();
    assertThat(beyond.get("logs")).isEmpty();
    assertThat(beyond.get("totalCount").asLong()).isEqualTo(5);
    assertThat(beyond.get("hasMore").asBoolean()).isFalse();
  }

  // ------------------------------------------------------------------ traces


  @Test
  void assemblesATraceWithParentsDurationsEventsAndStatus() throws Exception {
    JsonNode t = ok("/api/v1/traces/" + checkoutTraceId).json();
    assertThat(t.get("traceId").asText()).isEqualTo(checkoutTraceId);
    assertThat(t.get("durationMs").asDouble()).isGreaterThanOrEqualTo(150.0);
    assertThat(Duration.between(Instant.parse(t.get("startTime").asText()), Instant.parse(t.get("endTime").asText())))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    JsonNode spans = t.get("spans");
    assertThat(texts(spans, "name")).containsExactly("checkout", "reserve", "charge");
    JsonNode root = spans.get(0);
    assertThat(root.get("parentId").isNull()).isTrue();
    assertThat(root.get("kind").asText()).isEqualTo("SERVER");
    assertThat(root.get("status").get("code").asText()).isEqualTo("UNSET");
    String rootId = root.get("spanId").asText();
    assertThat(spans.get(1).get("parentId").asText()).isEqualTo(rootId);
    assertThat(spans.get(1).get("attributes")).isEqualTo(JSON.valueToTree(Map.of("sku", "A-1")));
    JsonNode charge = spans.get(2);
    assertThat(charge.get("parentId").asText()).isEqualTo(rootId);
    assertThat(charge.get("kind").asText()).isEqualTo("CLIENT");
    assertThat(charge.get("attributes").get("provider").asText()).isEqualTo("acme");
    assertThat(charge.get("attributes").get("amount").isIntegralNumber()).isTrue();
    assertThat(charge.get("status").get("code").asText()).isEqualTo("ERROR");
    assertThat(charge.get("status").get("message").asText()).isEqualTo("card declined");
    assertThat(texts(charge.get("events"), "name")).contains("exception");
    JsonNode exception = charge.get("events").get(texts(charge.get("events"), "name").indexOf("exception"));
    assertThat(exception.get("attributes").get("exception.type").asText())
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(Instant.parse(exception.get("timestamp").asText())).isAfterOrEqualTo(begin);
    assertThat(root.get("durationMs").asDouble()).isGreaterThanOrEqualTo(150.0);
  }

  @Test
  void answersAnUnknownTraceWith404() throws Exception {
    Answer a = get("/api/v1/traces/" + "ab".repeat(16));
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.json().get("error").asText()).contains("not found");
  }

  @Test
  void summarizesTracesNewestFirst() throws Exception {
    JsonNode body = ok("/api/v1/traces?" + all()).json();
    assertThat(body.get("totalCount").asLong()).isEqualTo(4);
    assertThat(texts(body.get("traces"), "rootSpan"))
        .containsExactly("sync-job", "healthcheck", "checkout", "log-span");
    JsonNode checkout = body.get("traces").get(2);
    assertThat(checkout.get("traceId").asText()).isEqualTo(checkoutTraceId);
    assertThat(checkout.get("serviceName").asText()).isEqualTo("dev-svc");
    assertThat(checkout.get("spanCount").asInt()).isEqualTo(3);
    assertThat(checkout.get("errorCount").asInt()).isEqualTo(1);
    assertThat(checkout.get("durationMs").asDouble()).isGreaterThanOrEqualTo(150.0);
    assertThat(body.get("traces").get(0).get("serviceName").asText()).isEqualTo("other-svc");
  }

  @Test
  void searchesByServiceOperationTagsDurationAndError() throws Exception {
    assertThat(roots("service=other-svc")).containsExactly("sync-job");
    assertThat(roots("operation=reserve")).containsExactly("checkout");
    assertThat(roots("operation=fetch")).containsExactly("sync-job");
    assertThat(roots("tag.provider=acme")).containsExactly("checkout");
    assertThat(roots("tag.amount=42")).containsExactly("checkout");
    assertThat(roots("tag.service.name=other-svc")).containsExactly("sync-job");
    // service and operation must hold for the same span
    assertThat(roots("service=dev-svc", "operation=fetch")).isEmpty();
    assertThat(roots("minDurationMs=100")).containsExactly("checkout");
    assertThat(roots("maxDurationMs=100")).containsExactly("sync-job", "healthcheck", "log-span");
    assertThat(roots("hasError=true")).containsExactly("checkout");
    assertThat(roots("hasError=false")).containsExactly("sync-job", "healthcheck", "log-span");
    assertThat(ok("/api/v1/traces?" + window(finish, finish.plusSeconds(1))).json().get("traces")).isEmpty();
  }

  @Test
  void pagesSearchResults() throws Exception {
    JsonNode first = ok("/api/v1/traces?" + all("limit=3")).json();
    assertThat(first.get("traces")).hasSize(3);
    assertThat(first.get("hasMore").asBoolean()).isTrue();
    JsonNode rest = ok("/api/v1/traces?" + all("limit=3", "offset=3")).json();
    assertThat(texts(rest.get("traces"), "rootSpan")).containsExactly("log-span");
    assertThat(rest.get("totalCount").asLong()).isEqualTo(4);
    assertThat(rest.get("hasMore").asBoolean()).isFalse();
  }

  private List<String> roots(String... criteria) throws Exception {
    return texts(ok("/api/v1/traces?" + all(criteria)).json().get("traces"), "rootSpan");
  }
}
