package io.telemetryflow.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.telemetryflow.sdk.application.AggregateMetricsQuery;
import io.telemetryflow.sdk.application.AggregateMetricsQuery.Aggregation;
import io.telemetryflow.sdk.application.AggregationResult;
import io.telemetryflow.sdk.application.GetLogsQuery;
import io.telemetryflow.sdk.application.GetMetricQuery;
import io.telemetryflow.sdk.application.LogEntry;
import io.telemetryflow.sdk.application.LogsPage;
import io.telemetryflow.sdk.application.MetricDataPoint;
import io.telemetryflow.sdk.application.MetricSeries;
import io.telemetryflow.sdk.application.SearchTracesQuery;
import io.telemetryflow.sdk.application.SpanDetail;
import io.telemetryflow.sdk.application.SpanStatusDetail;
import io.telemetryflow.sdk.application.TraceDetail;
import io.telemetryflow.sdk.application.TraceSummary;
import io.telemetryflow.sdk.application.TracesPage;
import io.telemetryflow.sdk.domain.Severity;
import io.telemetryflow.sdk.domain.SpanKind;
import io.telemetryflow.devbackend.DevQueryBackend;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CQRS round trip over real sockets: telemetry written with {@link TelemetryClient} goes over
 * OTLP/gRPC into an {@link OtlpReceiver}; the same client reads it back through the query API
 * served by {@link DevQueryBackend} — TelemetryFlow Core's routes, JWT login, envelope and
 * snake_case rows — and every value is checked exactly. Values follow Core's semantics: metric rows
 * are data points (a histogram point's value is its sum), attributes come back as strings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryRoundTripTest {

    private static final String SECRET = "tfs_test_secret";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private OtlpReceiver receiver;
    private DevQueryBackend backend;
    private TelemetryClient client;
    private TelemetryClient billing;
    private Instant begin;
    private Instant end;

    private String orderTraceId;
    private String orderSpanId;
    private String validateSpanId;

    @BeforeAll
    void writeTelemetry() throws Exception {
        receiver = OtlpReceiver.start();
        backend = DevQueryBackend.start(receiver);
        client = client("svc");
        billing = client("billing");
        begin = Instant.now();

        // Metrics: one export, so each series has exactly one point.
        client.incrementCounter("orders.created", 2, Map.of("region", "eu", "tier", "gold"));
        client.incrementCounter("orders.created", 3, Map.of("region", "eu", "tier", "silver"));
        client.incrementCounter("orders.created", 5, Map.of("region", "us", "tier", "gold"));
        client.incrementCounter("orders.created", 1, Map.of("region", "eu", "tier", "gold"));
        client.recordGauge("queue.depth", 5, Map.of("queue", "a"));
        client.recordGauge("queue.depth", 7, Map.of("queue", "b"));
        client.recordGauge("queue.depth", 3, Map.of("queue", "a")); // last value wins
        client.recordHistogram("http.server.duration", 0.25, "s", Map.of("route", "/a"));
        client.recordHistogram("http.server.duration", 0.5, "s", Map.of("route", "/a"));
        client.recordHistogram("http.server.duration", 1.25, "s", Map.of("route", "/b"));

        // A slow order: nested spans, logs of several severities inside them, a failing child.
        try (TelemetrySpan order = client.span("handle-order", SpanKind.SERVER)) {
            orderTraceId = order.traceId();
            orderSpanId = order.spanId();
            order.setAttribute("order.id", "o-1");
            client.logInfo("order received", Map.of("order.id", "o-1"));
            try (TelemetrySpan validate = client.span("validate")) {
                validateSpanId = validate.spanId();
                client.logDebug("validating order");
                client.logWarn("address incomplete", Map.of("field", "zip"));
            }
            Thread.sleep(150);
            String charge = client.startSpan("charge-card", SpanKind.CLIENT, Map.of("provider", "acme"));
            client.logError("payment declined", Map.of("code", 402));
            client.endSpan(charge, new IllegalStateException("card declined"));
        }
        // A quick trace, and one of another service.
        try (TelemetrySpan ping = client.span("ping")) {
            ping.setAttribute("probe", "readiness");
        }
        try (TelemetrySpan invoice = billing.span("invoice")) {
            invoice.setAttribute("invoice.id", "i-9");
            try (TelemetrySpan render = billing.span("render")) {
                render.setAttribute("format", "pdf");
            }
        }
        // Logs for paging.
        for (int i = 0; i < 7; i++) {
            client.logInfo("audit " + i, Map.of("kind", "audit", "seq", i));
        }

        assertThat(client.flush(WAIT)).isTrue();
        assertThat(billing.flush(WAIT)).isTrue();
        receiver.awaitMetric("http.server.duration", WAIT);
        receiver.awaitLog("audit 6", WAIT);
        receiver.awaitSpans(6, WAIT);
        end = Instant.now().plusSeconds(60);
        client.metricNames(null); // logs in once, so that request counts below are of queries only
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {client, billing, backend, receiver}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private TelemetryClient client(String service) {
        return TelemetryClient.builder()
            .apiKey("tfk_test", SECRET)
            .endpoint(receiver.grpcEndpoint())
            .insecure(true)
            .service(service, "1.0")
            .batch(Duration.ofMinutes(5), 512) // only explicit flushes export: point counts are known
            .queryEndpoint(URI.create(backend.url()))
            .queryLogin(backend.email(), backend.password())
            .build()
            .initialize();
    }

    private static Map<String, Double> byAttribute(MetricSeries series, Function<MetricDataPoint, String> key) {
        return series.dataPoints().stream().collect(Collectors.toMap(key, MetricDataPoint::value));
    }

    // ------------------------------------------------------------------ metrics

    @Test
    void readsCounterPointsWithTheirAttributes() {
        MetricSeries series = client.getMetric(GetMetricQuery.builder("orders.created").between(begin, end)
            .groupBy("region", "tier").build());
        assertThat(series.name()).isEqualTo("orders.created");
        assertThat(series.dataPoints()).hasSize(3);
        assertThat(byAttribute(series, p -> p.attributes().get("region") + "/" + p.attributes().get("tier")))
            .containsExactlyInAnyOrderEntriesOf(Map.of("eu/gold", 3.0, "eu/silver", 3.0, "us/gold", 5.0));
        // a point's time is the start of Core's bucket (1m for a short range)
        assertThat(series.dataPoints()).allSatisfy(p -> assertThat(p.timestamp())
            .isBetween(begin.truncatedTo(java.time.temporal.ChronoUnit.MINUTES), end));
        assertThat(series.pointsWith(Map.of("tier", "silver"))).singleElement()
            .extracting(MetricDataPoint::value).isEqualTo(3.0);
    }

    @Test
    void groupsAndFiltersMetricPoints() {
        MetricSeries byTier = client.getMetric(GetMetricQuery.builder("orders.created").between(begin, end)
            .groupBy("tier").build());
        assertThat(byTier.dataPoints()).extracting(MetricDataPoint::attributes)
            .containsExactlyInAnyOrder(Map.of("tier", "gold"), Map.of("tier", "silver"));
        // one bucket per group, averaged by Core: gold (3 + 5) / 2
        assertThat(byAttribute(byTier, p -> (String) p.attributes().get("tier")))
            .isEqualTo(Map.of("gold", 4.0, "silver", 3.0));

        MetricSeries eu = client.getMetric(GetMetricQuery.builder("orders.created").between(begin, end)
            .filter("region", "eu").groupBy("tier").build());
        assertThat(byAttribute(eu, p -> (String) p.attributes().get("tier")))
            .isEqualTo(Map.of("gold", 3.0, "silver", 3.0));

        MetricSeries gauges = client.getMetric(GetMetricQuery.builder("queue.depth").between(begin, end)
            .groupBy("queue").build());
        assertThat(byAttribute(gauges, p -> (String) p.attributes().get("queue")))
            .isEqualTo(Map.of("a", 3.0, "b", 7.0));
        assertThat(client.getMetric(GetMetricQuery.of("no.such.metric", begin, end)).dataPoints()).isEmpty();
    }

    @Test
    void aggregatesCounters() {
        assertThat(aggregate("orders.created", Aggregation.SUM).value()).isEqualTo(11.0);
        assertThat(aggregate("orders.created", Aggregation.COUNT).value()).isEqualTo(3.0);
        assertThat(aggregate("orders.created", Aggregation.MIN).value()).isEqualTo(3.0);
        assertThat(aggregate("orders.created", Aggregation.MAX).value()).isEqualTo(5.0);
        assertThat(aggregate("orders.created", Aggregation.AVG).value()).isCloseTo(11.0 / 3, within(1e-9));

        AggregationResult byRegion = client.aggregateMetrics(AggregateMetricsQuery.builder("orders.created",
            Aggregation.SUM).between(begin, end).groupBy("region").build());
        assertThat(byRegion.name()).isEqualTo("orders.created");
        assertThat(byRegion.value()).isEqualTo(11.0);
        assertThat(byRegion.groups()).hasSize(2);
        assertThat(byRegion.group(Map.of("region", "eu")).orElseThrow().value()).isEqualTo(6.0);
        assertThat(byRegion.group(Map.of("region", "us")).orElseThrow().value()).isEqualTo(5.0);

        AggregationResult byBoth = client.aggregateMetrics(new AggregateMetricsQuery("orders.created", begin, end,
            Aggregation.MAX, List.of("region", "tier")));
        assertThat(byBoth.group(Map.of("region", "eu", "tier", "gold")).orElseThrow().value()).isEqualTo(3.0);
        assertThat(byBoth.groups()).hasSize(3);
    }

    @Test
    void aggregatesGaugesAndHistograms() {
        assertThat(aggregate("queue.depth", Aggregation.SUM).value()).isEqualTo(10.0);
        assertThat(aggregate("queue.depth", Aggregation.AVG).value()).isEqualTo(5.0);
        assertThat(aggregate("queue.depth", Aggregation.MIN).value()).isEqualTo(3.0);

        // A histogram row is one point, valued at the sum of its measurements: 0.75 (/a), 1.25 (/b).
        assertThat(aggregate("http.server.duration", Aggregation.SUM).value()).isEqualTo(2.0);
        assertThat(aggregate("http.server.duration", Aggregation.COUNT).value()).isEqualTo(2.0);
        assertThat(aggregate("http.server.duration", Aggregation.MIN).value()).isEqualTo(0.75);
        assertThat(aggregate("http.server.duration", Aggregation.MAX).value()).isEqualTo(1.25);
        AggregationResult avgByRoute = client.aggregateMetrics(AggregateMetricsQuery.builder(
            "http.server.duration", Aggregation.AVG).between(begin, end).groupBy("route").build());
        assertThat(avgByRoute.value()).isCloseTo(1.0, within(1e-9));
        assertThat(avgByRoute.group(Map.of("route", "/a")).orElseThrow().value()).isEqualTo(0.75);
        assertThat(avgByRoute.group(Map.of("route", "/b")).orElseThrow().value()).isEqualTo(1.25);

        AggregationResult nothing = aggregate("no.such.metric", Aggregation.AVG);
        assertThat(nothing.hasValue()).isFalse();
        assertThat(aggregate("no.such.metric", Aggregation.SUM).hasValue()).isFalse(); // no rows, no sum
    }

    private AggregationResult aggregate(String name, Aggregation aggregation) {
        return client.aggregateMetrics(AggregateMetricsQuery.of(name, aggregation, begin, end));
    }

    // ------------------------------------------------------------------ logs

    @Test
    void readsLogsCorrelatedWithTheirSpans() {
        LogsPage page = client.getLogs(GetLogsQuery.builder().between(begin, end).filter("order.id", "o-1").build());
        assertThat(page.logs()).singleElement().satisfies(log -> {
            assertThat(log.message()).isEqualTo("order received");
            assertThat(log.severity()).isEqualTo(Severity.INFO);
            assertThat(log.attributes()).isEqualTo(Map.of("order.id", "o-1"));
            assertThat(log.traceId()).hasValue(orderTraceId);
            assertThat(log.spanId()).hasValue(orderSpanId);
            assertThat(log.timestamp()).isBetween(begin, end);
        });
        LogEntry warn = single(GetLogsQuery.builder().between(begin, end).severities(Severity.WARN).build());
        assertThat(warn.message()).isEqualTo("address incomplete");
        assertThat(warn.spanId()).hasValue(validateSpanId);
        assertThat(warn.traceId()).hasValue(orderTraceId);
        LogEntry error = single(GetLogsQuery.builder().between(begin, end).severities(Severity.ERROR).build());
        assertThat(error.attributes()).isEqualTo(Map.of("code", "402")); // Map(String, String) in Core
        LogEntry audit = single(GetLogsQuery.builder().between(begin, end).search("AUDIT 3").build());
        assertThat(audit.traceId()).isEmpty();
        assertThat(audit.attributes()).isEqualTo(Map.of("kind", "audit", "seq", "3"));
    }

    @Test
    void filtersLogsBySeverityAndText() {
        List<String> debugAndWarn = client.getLogs(GetLogsQuery.builder().between(begin, end)
            .severities(Severity.DEBUG, Severity.WARN).build()).logs().stream().map(LogEntry::message).toList();
        assertThat(debugAndWarn).containsExactly("address incomplete", "validating order"); // newest first
        assertThat(client.getLogs(GetLogsQuery.builder().between(begin, end).search("declined").build()).logs())
            .extracting(LogEntry::message).containsExactly("payment declined");
        LogsPage all = client.getLogs(GetLogsQuery.builder().between(begin, end).build());
        assertThat(all.totalCount()).isEqualTo(11);
        assertThat(all.logs()).extracting(LogEntry::severity).containsOnly(Severity.DEBUG, Severity.INFO,
            Severity.WARN, Severity.ERROR);
    }

    @Test
    void pagesThroughLogs() {
        GetLogsQuery audits = GetLogsQuery.builder().between(begin, end).filter("kind", "audit").limit(3).build();
        LogsPage first = client.getLogs(audits);
        assertThat(first.logs()).extracting(LogEntry::message).containsExactly("audit 6", "audit 5", "audit 4");
        assertThat(first.totalCount()).isEqualTo(7);
        assertThat(first.hasMore()).isTrue();
        LogsPage second = client.getLogs(audits.withOffset(3));
        assertThat(second.logs()).extracting(LogEntry::message).containsExactly("audit 3", "audit 2", "audit 1");
        assertThat(second.hasMore()).isTrue();
        LogsPage third = client.getLogs(audits.withOffset(6));
        assertThat(third.logs()).extracting(LogEntry::message).containsExactly("audit 0");
        assertThat(third.hasMore()).isFalse();

        int before = backend.requests().size();
        assertThat(client.getAllLogs(audits)).extracting(LogEntry::message)
            .containsExactly("audit 6", "audit 5", "audit 4", "audit 3", "audit 2", "audit 1", "audit 0");
        assertThat(backend.requests().size() - before).isEqualTo(3); // three pages walked
        before = backend.requests().size();
        assertThat(client.streamLogs(audits).limit(2)).hasSize(2);
        assertThat(backend.requests().size() - before).isEqualTo(1); // pages are fetched lazily
    }

    private LogEntry single(GetLogsQuery query) {
        List<LogEntry> logs = client.getLogs(query).logs();
        assertThat(logs).hasSize(1);
        return logs.get(0);
    }

    // ------------------------------------------------------------------ traces

    @Test
    void assemblesTheTraceTree() {
        TraceDetail trace = client.getTrace(orderTraceId).orElseThrow();
        assertThat(trace.traceId()).isEqualTo(orderTraceId);
        assertThat(trace.spans()).extracting(SpanDetail::name).containsExactly("handle-order", "validate",
            "charge-card");
        SpanDetail root = trace.rootSpan().orElseThrow();
        assertThat(root.name()).isEqualTo("handle-order");
        assertThat(root.spanId()).isEqualTo(orderSpanId);
        assertThat(root.parentId()).isEmpty();
        assertThat(root.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(root.attributes()).isEqualTo(Map.of("order.id", "o-1"));
        assertThat(root.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(trace.children(root.spanId())).extracting(SpanDetail::name).containsExactly("validate",
            "charge-card");
        assertThat(trace.children(validateSpanId)).isEmpty();

        SpanDetail charge = trace.span("charge-card").orElseThrow();
        assertThat(charge.parentId()).hasValue(orderSpanId);
        assertThat(charge.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(charge.attributes()).isEqualTo(Map.of("provider", "acme"));
        assertThat(charge.status()).isEqualTo(new SpanStatusDetail(SpanStatusDetail.Code.ERROR, "card declined"));
        assertThat(charge.events()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("exception");
            assertThat(e.attributes()).containsEntry("exception.type", IllegalStateException.class.getName())
                .containsEntry("exception.message", "card declined");
        });
        assertThat(trace.span("validate").orElseThrow().status().code()).isEqualTo(SpanStatusDetail.Code.UNSET);
        assertThat(trace.errorCount()).isEqualTo(1);
        assertThat(trace.startTime()).isEqualTo(root.startTime());
        assertThat(trace.duration()).isEqualTo(Duration.between(trace.startTime(), trace.endTime()))
            .isGreaterThanOrEqualTo(root.duration());

        // Trace ids are accepted in upper case too; unknown ones are empty, not errors.
        assertThat(client.getTrace(orderTraceId.toUpperCase(Locale.ROOT))).isPresent();
        assertThat(client.getTrace("0123456789abcdef0123456789abcdef")).isEmpty();
        assertThatThrownBy(() -> client.getTrace("xyz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchesTracesByServiceOperationDurationErrorAndTags() {
        assertThat(roots(SearchTracesQuery.builder())).containsExactly("invoice", "ping", "handle-order");
        assertThat(roots(SearchTracesQuery.builder().service("billing"))).containsExactly("invoice");
        assertThat(roots(SearchTracesQuery.builder().service("svc"))).containsExactly("ping", "handle-order");
        assertThat(roots(SearchTracesQuery.builder().operation("validate"))).containsExactly("handle-order");
        assertThat(roots(SearchTracesQuery.builder().operation("render"))).containsExactly("invoice");
        assertThat(roots(SearchTracesQuery.builder().minDuration(Duration.ofMillis(100))))
            .containsExactly("handle-order");
        assertThat(roots(SearchTracesQuery.builder().maxDuration(Duration.ofMillis(100))))
            .containsExactly("invoice", "ping");
        assertThat(roots(SearchTracesQuery.builder().hasError(true))).containsExactly("handle-order");
        assertThat(roots(SearchTracesQuery.builder().hasError(false))).containsExactly("invoice", "ping");
        assertThat(roots(SearchTracesQuery.builder().tag("order.id", "o-1"))).containsExactly("handle-order");
        assertThat(roots(SearchTracesQuery.builder().service("billing").hasError(true))).isEmpty();

        TraceSummary order = client.searchTraces(SearchTracesQuery.builder().between(begin, end)
            .operation("charge-card").build()).traces().get(0);
        assertThat(order.traceId()).isEqualTo(orderTraceId);
        assertThat(order.rootSpan()).isEqualTo("handle-order");
        assertThat(order.serviceName()).isEqualTo("svc");
        assertThat(order.spanCount()).isEqualTo(3);
        assertThat(order.errorCount()).isEqualTo(1);
        assertThat(order.hasError()).isTrue();
        assertThat(order.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(order.duration()).isEqualTo(client.getTrace(orderTraceId).orElseThrow().duration());
    }

    @Test
    void pagesThroughTraces() {
        SearchTracesQuery query = SearchTracesQuery.builder().between(begin, end).limit(2).build();
        TracesPage first = client.searchTraces(query);
        assertThat(first.traces()).extracting(TraceSummary::rootSpan).containsExactly("invoice", "ping");
        assertThat(first.totalCount()).isEqualTo(3);
        assertThat(first.hasMore()).isTrue();
        TracesPage second = client.searchTraces(query.withOffset(2));
        assertThat(second.traces()).extracting(TraceSummary::rootSpan).containsExactly("handle-order");
        assertThat(second.hasMore()).isFalse();
        assertThat(client.searchAllTraces(query)).extracting(TraceSummary::rootSpan)
            .containsExactly("invoice", "ping", "handle-order");
    }

    private List<String> roots(SearchTracesQuery.Builder criteria) {
        return client.searchTraces(criteria.between(begin, end).build()).traces().stream()
            .map(TraceSummary::rootSpan).toList();
    }

    // ------------------------------------------------------------------ wire

    @Test
    void sendsCoreRequestsWithTheJwtAndNoApiKey() {
        client.getLogs(GetLogsQuery.builder().between(begin, end).search("a b&c=d+e").filter("k/1", "v 1").build());
        List<DevQueryBackend.Request> requests = backend.requests();
        assertThat(requests).isNotEmpty().allSatisfy(r -> {
            assertThat(r.uri().toString()).doesNotContain(SECRET).doesNotContain(backend.password());
            assertThat(r.headers()).doesNotContainKey("x-telemetryflow-key-id")
                .doesNotContainKey("x-telemetryflow-key-secret");
            assertThat(r.body()).doesNotContain(SECRET);
        });
        assertThat(requests).filteredOn(r -> r.uri().getPath().equals("/api/v2/auth/login")).singleElement()
            .satisfies(login -> assertThat(login.status()).isEqualTo(201));
        DevQueryBackend.Request last = requests.get(requests.size() - 1);
        assertThat(last.method()).isEqualTo("POST");
        assertThat(last.uri().getPath()).isEqualTo("/api/v2/query/signals/logs");
        assertThat(last.headers().get("authorization")).matches("Bearer [\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(last.body()).contains("\"query\":\"a b&c=d+e\"").contains("\"logAttributes\":{\"k/1\":\"v 1\"}")
            .contains("\"pagination\":{\"page\":1,\"limit\":100}")
            .contains("\"from\":\"" + begin + "\"").contains("\"to\":\"" + end + "\"");
        assertThat(last.status()).isEqualTo(200);
    }
}
