package io.telemetryflow.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.telemetryflow.sdk.application.AggregateMetricsQuery;
import io.telemetryflow.sdk.application.AggregateMetricsQuery.Aggregation;
import io.telemetryflow.sdk.application.AggregationResult;
import io.telemetryflow.sdk.application.GetLogsQuery;
import io.telemetryflow.sdk.application.GetMetricQuery;
import io.telemetryflow.sdk.application.LogEntry;
import io.telemetryflow.sdk.application.LogsPage;
import io.telemetryflow.sdk.application.MetricSeries;
import io.telemetryflow.sdk.application.SearchTracesQuery;
import io.telemetryflow.sdk.application.SpanDetail;
import io.telemetryflow.sdk.application.SpanStatusDetail;
import io.telemetryflow.sdk.application.TelemetryQueryException;
import io.telemetryflow.sdk.application.TelemetryQueryException.Reason;
import io.telemetryflow.sdk.application.TraceDetail;
import io.telemetryflow.sdk.application.TraceSummary;
import io.telemetryflow.sdk.application.TracesPage;
import io.telemetryflow.sdk.domain.Severity;
import io.telemetryflow.sdk.domain.SpanKind;
import io.telemetryflow.testing.OtlpReceiver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The HTTP query handler against a tiny server that misbehaves on purpose: each answer (401, 404,
 * 500, too slow, truncated, unexpected shape, extra fields) gives the documented outcome, and no
 * exception message ever carries the API key secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpQueryContractTest {

    private static final String SECRET = "tfs_test_secret";
    // Short, for the timeout cases; the others get a generous one so a loaded machine cannot flake them.
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    private static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2024-05-01T11:00:00Z");
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final GetLogsQuery LOGS = GetLogsQuery.builder().between(T0, T1).build();

    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange) throws Exception;
    }

    record Recorded(String method, URI uri, Map<String, List<String>> headers) {
    }

    private OtlpReceiver receiver; // the OTLP side is unused, but the client needs a valid endpoint
    private HttpServer server;
    private ExecutorService pool;
    private volatile Responder responder;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    // Slow answers wait on this, so no server thread outlives its test by more than a moment.
    private volatile CountDownLatch release;
    private TelemetryClient client;

    @BeforeAll
    void startReceiver() {
        receiver = OtlpReceiver.start();
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void startServer() throws IOException {
        release = new CountDownLatch(1);
        requests.clear();
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "contract-server");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.createContext("/", exchange -> {
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI(),
                Map.copyOf(exchange.getRequestHeaders())));
            try (exchange) {
                responder.respond(exchange);
            } catch (Exception e) {
                // the client went away (timeout tests): nothing to answer
            }
        });
        server.setExecutor(pool);
        server.start();
        client = clientFor(baseUri(), GENEROUS_TIMEOUT);
    }

    private URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client with the 300 ms timeout, warmed up first so class loading does not count against it. */
    private TelemetryClient shortTimeoutClient() {
        Responder test = responder;
        responder = json(200, "{\"logs\":[],\"totalCount\":0,\"hasMore\":false}");
        TelemetryClient c = clientFor(baseUri(), SHORT_TIMEOUT);
        c.getLogs(LOGS);
        client.getLogs(LOGS);
        requests.clear();
        responder = test;
        return c;
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        client.close();
        server.stop(0);
        pool.shutdownNow();
    }

    private TelemetryClient clientFor(URI queryEndpoint, Duration timeout) {
        return TelemetryClient.builder().apiKey("tfk_test", SECRET).endpoint(receiver.grpcEndpoint()).insecure(true)
            .service("svc", "1.0").timeout(timeout).queryEndpoint(queryEndpoint).build().initialize();
    }

    private static Responder json(int status, String body) {
        return exchange -> send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Runs {@code call}, expecting a TelemetryQueryException with no trace of the secret anywhere. */
    private static TelemetryQueryException failure(ThrowingSupplier<?> call) {
        TelemetryQueryException e = catchThrowableOfType(TelemetryQueryException.class, call::get);
        assertThat(e).as("expected a TelemetryQueryException").isNotNull();
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
            assertThat(t.toString()).doesNotContain(SECRET);
        }
        return e;
    }

    // ------------------------------------------------------------------ error statuses

    @Test
    void unauthorizedIsAnHttpErrorNamingTheKeyIdButNotTheSecret() {
        responder = json(401, "{\"error\":\"invalid api key tfk_test:" + SECRET + "\"}");
        TelemetryQueryException e = failure(() -> client.getLogs(LOGS));
        assertThat(e.reason()).isEqualTo(Reason.HTTP_ERROR);
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.getMessage()).contains("GET /api/v1/logs", "HTTP 401", "tfk_test", "invalid api key", "****");
    }

    @Test
    void missingTraceIsEmpty() {
        responder = json(404, "{\"error\":\"trace not found\"}");
        assertThat(client.getTrace(TRACE_ID)).isEmpty();
        assertThat(requests.get(0).uri().getPath()).isEqualTo("/api/v1/traces/" + TRACE_ID);
    }

    @Test
    void notFoundOnOtherQueriesIsAnError() {
        responder = json(404, "");
        TelemetryQueryException e = failure(() -> client.searchTraces(SearchTracesQuery.builder().build()));
        assertThat(e.reason()).isEqualTo(Reason.HTTP_ERROR);
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.getMessage()).contains("telemetryflow.query.endpoint");
    }

    @Test
    void serverErrorGivesTheStatusAndAShortReasonWithoutTheBody() {
        String stack = "at com.example.Db.query(Db.java:42)\n".repeat(500);
        responder = json(500, "{\"error\":\"database unavailable\",\"stack\":\"" + stack.replace("\n", "\\n")
            + "\",\"echo\":\"" + SECRET + "\"}");
        TelemetryQueryException e = failure(() -> client.getMetric(GetMetricQuery.of("m", T0, T1)));
        assertThat(e.reason()).isEqualTo(Reason.HTTP_ERROR);
        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.getMessage()).contains("HTTP 500", "database unavailable").doesNotContain("Db.java")
            .hasSizeLessThan(300);
    }

    @Test
    void nonJsonErrorBodyIsNotQuoted() {
        responder = exchange -> {
            byte[] html = ("<html><body>Bad gateway " + SECRET + "</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "text/html");
            exchange.sendResponseHeaders(502, html.length);
            exchange.getResponseBody().write(html);
        };
        TelemetryQueryException e = failure(() -> client.getLogs(LOGS));
        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(e.getMessage()).endsWith("HTTP 502").doesNotContain("html");
    }

    @Test
    void redirectsAreNotFollowed() {
        responder = exchange -> {
            exchange.getResponseHeaders().set("location", "http://127.0.0.1:9/elsewhere");
            exchange.sendResponseHeaders(302, -1);
        };
        TelemetryQueryException e = failure(() -> client.getLogs(LOGS));
        assertThat(e.statusCode()).isEqualTo(302);
        assertThat(requests).hasSize(1);
    }

    // ------------------------------------------------------------------ timeouts and I/O

    @Test
    void slowResponseTimesOut() {
        responder = exchange -> {
            release.await(5, TimeUnit.SECONDS); // far beyond the client's 300 ms, but bounded
            send(exchange, 200, "{}");
        };
        TelemetryClient impatient = shortTimeoutClient();
        long started = System.nanoTime();
        TelemetryQueryException e = failure(() -> impatient.getLogs(LOGS));
        impatient.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e.statusCode()).isZero();
        assertThat(e.getMessage()).contains("300 ms", "telemetryflow.timeout");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofMillis(3000));
    }

    @Test
    void bodyThatStallsAfterTheHeadersTimesOut() {
        responder = exchange -> {
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(200, 0); // chunked
            OutputStream out = exchange.getResponseBody();
            out.write("{\"logs\":[".getBytes(StandardCharsets.UTF_8));
            out.flush();
            release.await(5, TimeUnit.SECONDS);
            out.write("],\"totalCount\":0,\"hasMore\":false}".getBytes(StandardCharsets.UTF_8));
            out.close();
        };
        TelemetryClient impatient = shortTimeoutClient();
        long started = System.nanoTime();
        TelemetryQueryException e = failure(() -> impatient.getLogs(LOGS));
        impatient.close();
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3000));
    }

    @Test
    void refusedConnectionIsAnIoError() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        try (TelemetryClient unreachable = clientFor(URI.create("http://127.0.0.1:" + closedPort), GENEROUS_TIMEOUT)) {
            TelemetryQueryException e = failure(() -> unreachable.getLogs(LOGS));
            assertThat(e.reason()).isEqualTo(Reason.IO_ERROR);
            assertThat(e.getMessage()).contains("GET /api/v1/logs", "ConnectException");
            assertThat(e.statusCode()).isZero();
        }
    }

    // ------------------------------------------------------------------ malformed bodies

    @Test
    void truncatedJsonIsMalformed() {
        responder = json(200, "{\"logs\":[{\"timestamp\":\"2024-05-01T10:00:00Z\",\"severity\":\"INFO\",\"mess");
        TelemetryQueryException e = failure(() -> client.getLogs(LOGS));
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_RESPONSE);
        assertThat(e.statusCode()).isZero();
        assertThat(e.getMessage()).contains("GET /api/v1/logs", "truncated").doesNotContain("mess");
    }

    @Test
    void wrongShapesAreMalformedAndNameTheField() {
        responder = json(200, "{\"logs\":[{\"timestamp\":\"yesterday\",\"severity\":\"INFO\",\"message\":\"m\"}],"
            + "\"totalCount\":1,\"hasMore\":false}");
        assertThat(failure(() -> client.getLogs(LOGS)).getMessage()).contains("logs[0].timestamp", "RFC 3339");

        responder = json(200, "{\"logs\":[],\"totalCount\":0}");
        assertThat(failure(() -> client.getLogs(LOGS)).getMessage()).contains("'hasMore'");

        responder = json(200, "{\"name\":\"m\",\"dataPoints\":[{\"timestamp\":\"2024-05-01T10:00:00Z\",\"value\":\"3\"}]}");
        assertThat(failure(() -> client.getMetric(GetMetricQuery.of("m", T0, T1))).getMessage())
            .contains("dataPoints[0].value", "a number");

        responder = json(200, "[1,2,3]");
        assertThat(failure(() -> client.getLogs(LOGS)).getMessage()).contains("not a JSON object");

        responder = json(200, "{\"logs\":[],\"totalCount\":0,\"hasMore\":false} trailing");
        assertThat(failure(() -> client.getLogs(LOGS)).reason()).isEqualTo(Reason.MALFORMED_RESPONSE);

        responder = json(200, "");
        assertThat(failure(() -> client.getLogs(LOGS)).reason()).isEqualTo(Reason.MALFORMED_RESPONSE);

        responder = json(200, "{\"logs\":[{\"timestamp\":\"2024-05-01T10:00:00Z\",\"severity\":\"LOUD\"}],"
            + "\"totalCount\":1,\"hasMore\":false}");
        assertThat(failure(() -> client.getLogs(LOGS)).getMessage()).contains("logs[0].severity");
    }

    // ------------------------------------------------------------------ well-formed answers

    @Test
    void unknownFieldsAreIgnoredEverywhere() {
        responder = json(200, """
            {"name":"orders","unit":"1","dataPoints":[
              {"timestamp":"2024-05-01T10:00:00.5Z","value":3,"attributes":{"region":"eu","n":2,"ok":true},"exemplar":{}},
              {"timestamp":"2024-05-01T12:01:00+02:00","value":4.5,"extra":[1,2]}],"nextPageToken":"x"}""");
        MetricSeries series = client.getMetric(GetMetricQuery.of("orders", T0, T1));
        assertThat(series.name()).isEqualTo("orders");
        assertThat(series.dataPoints()).hasSize(2);
        assertThat(series.dataPoints().get(0).timestamp()).isEqualTo(Instant.parse("2024-05-01T10:00:00.5Z"));
        assertThat(series.dataPoints().get(0).value()).isEqualTo(3.0);
        assertThat(series.dataPoints().get(0).attributes()).isEqualTo(Map.of("region", "eu", "n", 2L, "ok", true));
        assertThat(series.dataPoints().get(1).timestamp()).isEqualTo(Instant.parse("2024-05-01T10:01:00Z"));
        assertThat(series.dataPoints().get(1).attributes()).isEmpty();

        responder = json(200, """
            {"name":"orders","value":11,"aggregation":"sum","groups":[
              {"groupBy":{"region":"eu"},"value":6,"count":2},{"groupBy":{"region":"us","shard":3},"value":null}]}""");
        AggregationResult agg = client.aggregateMetrics(AggregateMetricsQuery.of("orders", Aggregation.SUM, T0, T1));
        assertThat(agg.value()).isEqualTo(11.0);
        assertThat(agg.group(Map.of("region", "eu")).orElseThrow().value()).isEqualTo(6.0);
        assertThat(agg.group(Map.of("region", "us", "shard", "3")).orElseThrow().value()).isNaN();

        responder = json(200, """
            {"logs":[{"timestamp":"2024-05-01T10:00:00Z","severity":"warning","message":"disk","attributes":{"d":"sda"},
                      "traceId":null,"spanId":"","resource":{"service.name":"svc"}}],
             "totalCount":41,"hasMore":true,"took":"3ms"}""");
        LogsPage logs = client.getLogs(LOGS);
        assertThat(logs.totalCount()).isEqualTo(41);
        assertThat(logs.hasMore()).isTrue();
        LogEntry log = logs.logs().get(0);
        assertThat(log.severity()).isEqualTo(Severity.WARN);
        assertThat(log.message()).isEqualTo("disk");
        assertThat(log.traceId()).isEmpty();
        assertThat(log.spanId()).isEmpty();

        responder = json(200, """
            {"traces":[{"traceId":"%s","rootSpan":"checkout","serviceName":"svc","durationMs":12.5,
                        "startTime":"2024-05-01T10:00:00Z","spanCount":3,"errorCount":1,"tags":{}}],
             "totalCount":1,"hasMore":false,"searchId":7}""".formatted(TRACE_ID));
        TracesPage traces = client.searchTraces(SearchTracesQuery.builder().between(T0, T1).build());
        assertThat(traces.traces()).containsExactly(new TraceSummary(TRACE_ID, "checkout", "svc",
            Duration.ofMillis(12).plusNanos(500_000), T0, 3, 1));
    }

    @Test
    void parsesATraceWithOffsetsFractionalDurationsAndOtlpSpellings() {
        responder = json(200, """
            {"traceId":"%s","startTime":"2024-05-01T10:00:00Z","endTime":"2024-05-01T10:00:00.0015Z",
             "durationMs":1.5,"serviceCount":1,
             "spans":[
              {"spanId":"00f067aa0ba902b7","parentId":null,"name":"root","kind":"SERVER",
               "startTime":"2024-05-01T10:00:00Z","endTime":"2024-05-01T10:00:00.0015Z","durationMs":1.5,
               "attributes":{"http.status_code":200,"ratio":0.5,"tags":["a","b"]},"events":[],
               "status":{"code":"OK","message":"","extra":1},"links":[]},
              {"spanId":"b7ad6b7169203331","parentId":"00f067aa0ba902b7","name":"child","kind":"SPAN_KIND_CLIENT",
               "startTime":"2024-05-01t12:00:00.0005+02:00","endTime":"2024-05-01T10:00:00.00075Z","durationMs":0.25,
               "events":[{"name":"exception","timestamp":"2024-05-01T10:00:00.0006Z",
                          "attributes":{"exception.type":"java.io.IOException"},"dropped":0}],
               "status":{"code":"STATUS_CODE_ERROR","message":"boom"}}]}""".formatted(TRACE_ID));
        TraceDetail trace = client.getTrace(TRACE_ID).orElseThrow();
        assertThat(trace.duration()).isEqualTo(Duration.ofNanos(1_500_000));
        SpanDetail root = trace.rootSpan().orElseThrow();
        assertThat(root.name()).isEqualTo("root");
        assertThat(root.status().code()).isEqualTo(SpanStatusDetail.Code.OK);
        assertThat(root.attributes()).isEqualTo(Map.of("http.status_code", 200L, "ratio", 0.5, "tags", List.of("a", "b")));
        SpanDetail child = trace.children(root.spanId()).get(0);
        assertThat(child.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(child.startTime()).isEqualTo(Instant.parse("2024-05-01T10:00:00.0005Z"));
        assertThat(child.duration()).isEqualTo(Duration.ofNanos(250_000));
        assertThat(child.status()).isEqualTo(new SpanStatusDetail(SpanStatusDetail.Code.ERROR, "boom"));
        assertThat(child.events().get(0).attributes()).containsEntry("exception.type", "java.io.IOException");
        assertThat(trace.errorCount()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ requests

    @Test
    void requestsCarryAuthHeadersAndUrlEncodedParametersButNeverTheSecret() {
        responder = exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/aggregate")) {
                send(exchange, 200, "{\"name\":\"m\",\"value\":1,\"groups\":[]}");
            } else if (path.endsWith("/metrics")) {
                send(exchange, 200, "{\"name\":\"m\",\"dataPoints\":[]}");
            } else if (path.endsWith("/logs")) {
                send(exchange, 200, "{\"logs\":[],\"totalCount\":0,\"hasMore\":false}");
            } else {
                send(exchange, 200, "{\"traces\":[],\"totalCount\":0,\"hasMore\":false}");
            }
        };
        client.getMetric(GetMetricQuery.builder("http.server.duration").between(T0, T1).groupBy("route", "method")
            .filter("region", "eu west").build());
        client.aggregateMetrics(AggregateMetricsQuery.builder("m", Aggregation.AVG).between(T0, T1).groupBy("a").build());
        client.getLogs(GetLogsQuery.builder().between(T0, T1).severities(Severity.ERROR, Severity.INFO)
            .search("50% off & more").filter("user.id", "u+1").limit(25).offset(50).build());
        client.searchTraces(SearchTracesQuery.builder().between(T0, T1).service("svc").operation("GET /orders")
            .minDuration(Duration.ofNanos(1_500_000)).maxDuration(Duration.ofSeconds(2)).tag("http.method", "GET")
            .hasError(false).limit(10).build());

        assertThat(requests).hasSize(4).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.uri().toString()).doesNotContain(SECRET).doesNotContain("tfs_");
            assertThat(r.headers().get("Authorization")).containsExactly("Bearer tfk_test:" + SECRET);
            assertThat(r.headers().get("X-telemetryflow-key-id")).containsExactly("tfk_test");
            assertThat(r.headers().get("Accept")).containsExactly("application/json");
            assertThat(r.headers()).doesNotContainKey("X-telemetryflow-key-secret");
        });
        assertThat(requests.get(0).uri().getPath()).isEqualTo("/api/v1/metrics");
        assertThat(requests.get(0).uri().getQuery()).isEqualTo("name=http.server.duration&start=2024-05-01T10:00:00Z"
            + "&end=2024-05-01T11:00:00Z&groupBy=route,method&filter.region=eu west");
        assertThat(requests.get(0).uri().getRawQuery()).contains("filter.region=eu%20west");
        assertThat(requests.get(1).uri().getPath()).isEqualTo("/api/v1/metrics/aggregate");
        assertThat(requests.get(1).uri().getQuery()).isEqualTo("name=m&start=2024-05-01T10:00:00Z"
            + "&end=2024-05-01T11:00:00Z&aggregation=avg&groupBy=a");
        assertThat(requests.get(2).uri().getPath()).isEqualTo("/api/v1/logs");
        assertThat(requests.get(2).uri().getRawQuery()).isEqualTo("start=2024-05-01T10%3A00%3A00Z"
            + "&end=2024-05-01T11%3A00%3A00Z&severity=INFO%2CERROR&search=50%25%20off%20%26%20more"
            + "&filter.user.id=u%2B1&limit=25&offset=50");
        assertThat(requests.get(3).uri().getPath()).isEqualTo("/api/v1/traces");
        assertThat(requests.get(3).uri().getQuery()).isEqualTo("start=2024-05-01T10:00:00Z&end=2024-05-01T11:00:00Z"
            + "&service=svc&operation=GET /orders&minDurationMs=1.5&maxDurationMs=2000&tag.http.method=GET"
            + "&hasError=false&limit=10&offset=0");
    }

    @Test
    void queryEndpointMayHaveABasePath() {
        responder = json(200, "{\"logs\":[],\"totalCount\":0,\"hasMore\":false}");
        try (TelemetryClient based = clientFor(URI.create(baseUri() + "/tf/"), GENEROUS_TIMEOUT)) {
            based.getLogs(LOGS);
        }
        assertThat(requests.get(0).uri().getPath()).isEqualTo("/tf/api/v1/logs");
    }

    @Test
    void paginationHelpersFollowHasMoreAndStopOnAnEmptyPage() {
        responder = exchange -> {
            String q = exchange.getRequestURI().getQuery();
            int offset = Integer.parseInt(q.replaceAll(".*offset=(\\d+).*", "$1"));
            // Claims more forever, but runs dry at offset 4: the walk must stop there.
            String logs = offset >= 4 ? "" : """
                {"timestamp":"2024-05-01T10:00:00Z","severity":"INFO","message":"m%d"},
                {"timestamp":"2024-05-01T10:00:00Z","severity":"INFO","message":"m%d"}""".formatted(offset, offset + 1);
            send(exchange, 200, "{\"logs\":[" + logs + "],\"totalCount\":99,\"hasMore\":true}");
        };
        assertThat(client.getAllLogs(LOGS.withLimit(2))).extracting(LogEntry::message)
            .containsExactly("m0", "m1", "m2", "m3");
        assertThat(requests).extracting(r -> r.uri().getQuery().replaceAll(".*&(limit=.*)", "$1"))
            .containsExactly("limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4");
    }

    @Test
    void withoutAQueryEndpointQueriesNameTheMissingKey() {
        try (TelemetryClient noQueries = TelemetryClient.builder().apiKey("tfk_test", SECRET)
                .endpoint(receiver.grpcEndpoint()).insecure(true).service("svc", "1.0").build().initialize()) {
            assertThatThrownBy(() -> noQueries.getLogs(LOGS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("telemetryflow.query.endpoint");
            assertThat(noQueries.health()).isNotNull(); // the local query still works
        }
    }
}
