package io.telemetryflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.telemetryflow.devbackend.AnyValues;
import io.telemetryflow.devbackend.DevQueryBackend;
import io.telemetryflow.devbackend.FaultMode;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedExport;
import io.telemetryflow.devbackend.ReceivedLog;
import io.telemetryflow.devbackend.ReceivedMetric;
import io.telemetryflow.devbackend.ReceivedSpan;
import io.telemetryflow.devbackend.Signal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The shop example (examples/quarkus, examples/payara) started as a real process on one runtime,
 * configured at start time (environment variables and system properties) to export to an
 * {@link OtlpReceiver} in this JVM; the tests assert what the receiver decoded from the wire.
 *
 * <p>The app is started once for the class with a 60 s batch timeout, so data arrives only when
 * the app flushes ({@code POST /api/telemetry/flush}) or stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ShopAppITBase {

    /** A started app: the process and the base URI of the shop (e.g. {@code http://127.0.0.1:P/shop}). */
    record Started(AppProcess process, URI base) {
    }

    /** A caller's W3C trace context: random trace and span ids, sampled, with a {@code tracestate}. */
    record Caller(String traceId, String spanId, String traceState) {

        static Caller random(String traceState) {
            return new Caller(hex(16), hex(8), traceState);
        }

        Map<String, String> headers() {
            return Map.of("traceparent", "00-" + traceId + "-" + spanId + "-01", "tracestate", traceState,
                "baggage", "shop.customer=it");
        }

        private static String hex(int bytes) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < bytes; i++) {
                sb.append(String.format("%02x", ThreadLocalRandom.current().nextInt(256)));
            }
            // all-zero ids are invalid
            return sb.toString().matches("0+") ? hex(bytes) : sb.toString();
        }
    }

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String SERVICE_VERSION_OVERRIDE = "2.0.0-it";
    static final String ENVIRONMENT = "development";
    static final String SHOP = "io.telemetryflow.examples.shop.";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    protected OtlpReceiver receiver;
    /** The stand-in of TelemetryFlow Core over what the receiver got; the app reads back from it. */
    protected DevQueryBackend core;
    protected Started app;
    protected String keyId;
    protected String keySecret;
    protected String collectorId;
    protected Duration startupTime;
    /** The caller of {@code GET /api/orders/42} (direct) and of {@code GET /api/orders/7/receipt} (through the JAX-RS client). */
    protected Caller statusCaller;
    protected Caller receiptCaller;
    /** The caller of {@code GET /api/orders/5/supplier}, whose JAX-RS client call is refused. */
    protected Caller supplierCaller;
    /** A loopback port nobody listens on: the example's supplier ({@code SHOP_SUPPLIER_URL}). */
    protected int refusedPort;
    /** The caller of {@code GET /api/orders/9/later} (an asynchronous resource), followed by requests without a trace. */
    protected Caller laterCaller;
    static final int REQUESTS_AFTER_ASYNC = 6;
    /** Other processes a runtime's tests start; killed after the class. */
    protected final List<AppProcess> others = new java.util.ArrayList<>();

    // ------------------------------------------------------------------ per runtime

    /** Short name: quarkus, payara, wildfly. */
    abstract String runtime();

    /** {@code telemetryflow.service-name} packaged in the example. */
    abstract String serviceName();

    /** The value of the custom resource attribute {@code example.runtime} packaged in the example. */
    abstract String runtimeAttribute();

    /** How long the runtime may take to start (this machine is small and shared). */
    abstract Duration startupTimeout();

    /** Environment variables pointing the SDK at the receiver (endpoint, protocol). */
    abstract Map<String, String> endpointEnv(OtlpReceiver receiver);

    /** Checks the transport details of one export (gRPC, or HTTP on the v2 paths). */
    abstract void assertTransport(ReceivedExport export);

    /**
     * Whether the JAX-RS response filters run when a resource method throws an unmapped exception
     * (so the server span of a failing request gets its status code); where they do not (RESTEasy
     * Reactive), the SDK ends the span when the request's CDI context ends, without a status code.
     */
    abstract boolean responseFiltersSeeUnmappedExceptions();

    /** The runtime's MicroProfile Health readiness endpoint, or {@code null} where the example does not serve one. */
    URI readinessUri() {
        return null;
    }

    /** The environment of a start exporting (plaintext) to {@code receiver} with the given API key. */
    Map<String, String> clientEnv(OtlpReceiver receiver, String apiKeyId, String apiKeySecret) {
        Map<String, String> env = new LinkedHashMap<>(endpointEnv(receiver));
        env.putAll(runtimeEnv());
        env.put("TELEMETRYFLOW_INSECURE", "true");
        env.put("TELEMETRYFLOW_API_KEY_ID", apiKeyId);
        env.put("TELEMETRYFLOW_API_KEY_SECRET", apiKeySecret);
        return env;
    }

    /** More environment variables for this runtime (every start). */
    Map<String, String> runtimeEnv() {
        return Map.of();
    }

    /** Starts the app with these environment variables and system properties; output to {@code <label>.log}. */
    abstract Started start(String label, Map<String, String> env, Map<String, String> systemProperties);

    /**
     * Asserts that a start with an invalid configuration failed, the way this runtime fails.
     *
     * @return the output to check for the message
     */
    abstract String assertStartFailed(Started started);

    // ------------------------------------------------------------------ set-up: start, drive traffic, flush

    @BeforeAll
    void startAppAndDriveTraffic() {
        receiver = OtlpReceiver.start();
        core = DevQueryBackend.start(receiver);
        keyId = "tfk_it_" + runtime();
        keySecret = "tfs_it_" + UUID.randomUUID().toString().replace("-", "");
        collectorId = "it-collector-" + runtime();

        Map<String, String> env = clientEnv(receiver, keyId, keySecret);
        // Overrides the version packaged in the app's config file: proves config is read at run time.
        env.put("TELEMETRYFLOW_SERVICE_VERSION", SERVICE_VERSION_OVERRIDE);
        // Only a flush or the shutdown can deliver within a test run.
        env.put("TELEMETRYFLOW_BATCH_TIMEOUT", "60s");
        env.put("TELEMETRYFLOW_QUERY_ENDPOINT", core.url());
        env.put("TELEMETRYFLOW_QUERY_EMAIL", core.email());
        env.put("TELEMETRYFLOW_QUERY_PASSWORD", core.password());
        refusedPort = ItEnv.freePort(); // free: nothing listens there, a connection is refused
        env.put("SHOP_SUPPLIER_URL", "http://" + ItEnv.LOOPBACK + ":" + refusedPort);
        app = start("app", env, Map.of("telemetryflow.collector-id", collectorId));

        startupTime = app.process().awaitHttpOk(app.base().resolve(app.base().getPath() + "/api/telemetry"), startupTimeout());
        System.out.printf("[it] %s ready in %d ms (process start to first HTTP 200)%n", runtime(), startupTime.toMillis());

        HttpResponse<String> created = post("/api/orders?item=book&quantity=2");
        assertThat(created.statusCode()).as("POST /api/orders: %s", created.body()).isEqualTo(200);
        assertThat(created.body()).startsWith("order-");
        HttpResponse<String> checkout = post("/api/orders/checkout?item=gift-card");
        assertThat(checkout.statusCode()).as("POST /api/orders/checkout").isEqualTo(500);
        statusCaller = Caller.random("tf=it-" + runtime());
        HttpResponse<String> status = get("/api/orders/42", statusCaller.headers());
        assertThat(status.statusCode()).as("GET /api/orders/42: %s", status.body()).isEqualTo(200);
        assertThat(status.body()).isEqualTo("order 42: placed");
        receiptCaller = Caller.random("tf=it-receipt-" + runtime() + ",other=1");
        HttpResponse<String> receipt = get("/api/orders/7/receipt", receiptCaller.headers());
        assertThat(receipt.statusCode()).as("GET /api/orders/7/receipt: %s", receipt.body()).isEqualTo(200);
        assertThat(receipt.body()).isEqualTo("receipt: order 7: placed");
        supplierCaller = Caller.random("tf=it-supplier-" + runtime());
        HttpResponse<String> supplier = get("/api/orders/5/supplier", supplierCaller.headers());
        assertThat(supplier.statusCode()).as("GET /api/orders/5/supplier (refused): %s", supplier.body()).isEqualTo(502);
        laterCaller = Caller.random("tf=it-later-" + runtime());
        HttpResponse<String> later = get("/api/orders/9/later", laterCaller.headers());
        assertThat(later.statusCode()).as("GET /api/orders/9/later: %s", later.body()).isEqualTo(200);
        assertThat(later.body()).isEqualTo("later: order 9: placed");
        for (int i = 0; i < REQUESTS_AFTER_ASYNC; i++) {
            assertThat(get("/api/telemetry", Map.of()).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> flushed = post("/api/telemetry/flush");
        assertThat(flushed.statusCode()).isEqualTo(200);
        assertThat(flushed.body()).as("flush result").isEqualTo("flushed");
    }

    @AfterAll
    void stopEverything() {
        try {
            writeReceivedSummary();
            if (app != null) {
                app.process().close();
            }
            others.forEach(AppProcess::close);
        } finally {
            if (core != null) {
                core.stop();
            }
            if (receiver != null) {
                receiver.stop();
            }
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void resourceNamesTheServiceWithConfigReadAtRunTime() {
        ReceivedSpan span = receiver.awaitSpan("order.place", WAIT);
        ReceivedMetric metric = receiver.awaitMetric("shop.orders.placed", WAIT);
        ReceivedLog log = receiver.awaitLog("order placed", WAIT);
        for (Map<String, Object> resource : List.of(span.resourceAttributes(), metric.resourceAttributes(),
            log.resourceAttributes())) {
            assertThat(resource)
                .containsEntry("service.name", serviceName())
                .containsEntry("service.version", SERVICE_VERSION_OVERRIDE)
                .containsEntry("service.namespace", "examples")
                .containsEntry("deployment.environment.name", ENVIRONMENT)
                .containsEntry("example.runtime", runtimeAttribute());
        }
    }

    @Test
    @Order(2)
    void tracedCallsAreChildSpansOfTheCaller() {
        ReceivedSpan create = awaitSpan("orders.create", "order.item", "book");
        ReceivedSpan place = awaitSpan("order.place", "order.item", "book");
        assertThat(place.traceId()).isEqualTo(create.traceId());
        assertThat(place.parentSpanId()).as("order.place is a child of orders.create").isEqualTo(create.spanId());
        assertThat(place.attributes())
            .containsEntry("order.quantity", 2L)
            .containsEntry("code.function.name", SHOP + "OrderService.place");
        assertThat(place.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
        assertThat(place.status().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    @Order(3)
    void failingEndpointEndsItsSpansInError() {
        ReceivedSpan checkout = awaitSpan("orders.checkout", "order.item", "gift-card");
        ReceivedSpan charge = receiver.awaitSpan(s -> s.name().equals("payment.charge")
            && s.traceId().equals(checkout.traceId()), WAIT);
        ReceivedSpan place = awaitSpan("order.place", "order.item", "gift-card");

        assertThat(charge.parentSpanId()).isEqualTo(checkout.spanId());
        assertThat(place.parentSpanId()).isEqualTo(checkout.spanId());
        assertThat(charge.status().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(checkout.status().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(place.status().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        Span.Event exception = charge.events().stream().filter(e -> e.getName().equals("exception")).findFirst()
            .orElseThrow(() -> new AssertionError("no exception event on " + charge + ": " + charge.eventNames()));
        assertThat(AnyValues.toMap(exception.getAttributesList()))
            .containsEntry("exception.type", SHOP + "PaymentDeclinedException");
    }

    @Test
    @Order(4)
    void countedTimedAndFiredCommandsBecomeMetrics() {
        // @Counted: one call per endpoint reached OrderService.place
        ReceivedMetric placed = receiver.awaitMetric("shop.orders.placed", m -> sum(m) == 2, WAIT);
        assertThat(placed.isMonotonic()).isTrue();
        // @Counted on a throwing method: counted, with error.type
        ReceivedMetric charged = receiver.awaitMetric("shop.payments.charged", m -> sum(m) == 1, WAIT);
        assertThat(charged.dataPointAttributes())
            .anySatisfy(a -> assertThat(a).containsEntry("error.type", SHOP + "PaymentDeclinedException"));
        // @Timed: a histogram in seconds, one sample per call
        ReceivedMetric duration = receiver.awaitMetric("shop.order.duration", m -> histogramCount(m) == 2, WAIT);
        assertThat(duration.type()).isEqualTo(Metric.DataCase.HISTOGRAM);
        assertThat(duration.unit()).isEqualTo("s");
        // Event<RecordCounterCommand>.fire: recorded exactly once
        ReceivedMetric received = receiver.awaitMetric("shop.orders.received", m -> sum(m) == 1, WAIT);
        assertThat(received.sumValue(Map.of("order.item", "book"))).isEqualTo(1.0);
    }

    @Test
    @Order(5)
    void logsThroughTheClientCarryTheTraceContext() {
        ReceivedSpan create = awaitSpan("orders.create", "order.item", "book");
        ReceivedLog placed = receiver.awaitLog(l -> l.body().equals("order placed")
            && "book".equals(l.attributes().get("order.item")), WAIT);
        assertThat(placed.traceId()).isEqualTo(create.traceId());
        assertThat(placed.spanId()).isEqualTo(create.spanId());
        assertThat(placed.severityText()).isEqualTo("INFO");
        assertThat(placed.attributes()).containsKey("order.id");

        ReceivedSpan checkout = awaitSpan("orders.checkout", "order.item", "gift-card");
        ReceivedLog charging = receiver.awaitLog("charging order", WAIT);
        assertThat(charging.traceId()).isEqualTo(checkout.traceId());
        assertThat(charging.severityText()).isEqualTo("WARN");
    }

    @Test
    @Order(6)
    void jaxrsServerSpansAreTheParentsOfTheResourceSpans() {
        ReceivedSpan create = awaitSpan("orders.create", "order.item", "book");
        ReceivedSpan server = receiver.awaitSpan(s -> s.spanId().equals(create.parentSpanId()), WAIT);
        assertThat(server.name()).isEqualTo("POST /orders");
        assertThat(server.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(server.traceId()).isEqualTo(create.traceId());
        assertThat(server.parentSpanId()).as("a request without traceparent starts a trace").isEmpty();
        assertThat(server.attributes())
            .containsEntry("http.request.method", "POST")
            .containsEntry("http.route", "/orders")
            .containsEntry("http.response.status_code", 200L);
        receiver.awaitMetric("http.server.request.duration", m -> m.histogramPoint(Map.of("url.scheme", "http", "http.request.method", "POST",
            "http.route", "/orders", "http.response.status_code", 200L)).getCount() == 1, WAIT);
    }

    @Test
    @Order(6)
    void jaxrsServerSpanOfAFailingRequestIsAnErrorEndedWithTheRequest() {
        ReceivedSpan checkout = awaitSpan("orders.checkout", "order.item", "gift-card");
        ReceivedSpan server = receiver.awaitSpan(s -> s.spanId().equals(checkout.parentSpanId()), WAIT);
        assertThat(server.name()).isEqualTo("POST /orders/checkout");
        assertThat(server.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(server.status().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        // ended with its own request, not when the worker thread served the next one
        ReceivedSpan next = receiver.awaitSpan(s -> s.traceId().equals(statusCaller.traceId())
            && s.kind() == Span.SpanKind.SPAN_KIND_SERVER, WAIT);
        assertThat(server.span().getEndTimeUnixNano()).isLessThanOrEqualTo(next.span().getStartTimeUnixNano());
        ReceivedMetric duration = receiver.awaitMetric("http.server.request.duration", WAIT);
        if (responseFiltersSeeUnmappedExceptions()) {
            assertThat(server.attributes())
                .containsEntry("http.response.status_code", 500L)
                .containsEntry("error.type", "500");
            assertThat(duration.histogramCount(Map.of("url.scheme", "http", "http.request.method", "POST", "http.route", "/orders/checkout",
                "http.response.status_code", 500L, "error.type", "500"))).isEqualTo(1);
        } else {
            // no response filter ran: the SDK ended the span when the request's CDI context ended,
            // without a status code it never saw (the runtime answered 500 by itself)
            assertThat(server.attributes())
                .doesNotContainKey("http.response.status_code")
                .containsEntry("error.type", "_OTHER");
            assertThat(server.status().getMessage()).contains("without a JAX-RS response");
            assertThat(duration.histogramCount(Map.of("url.scheme", "http", "http.request.method", "POST", "http.route", "/orders/checkout",
                "error.type", "_OTHER"))).isEqualTo(1);
        }
    }

    @Test
    @Order(6)
    void theSdkSaysItStartedAndTheContainerKeepsItsBeansWithoutWarningPerRequest() {
        String output = app.process().output();
        assertThat(output).as("the startup line").contains("TelemetryFlow SDK ").contains(" started: service " + serviceName());
        assertThat(output).as("no CDI warning about the library's beans").doesNotContain("programmatic lookup problem")
            .doesNotContain("RequestEndGuard");
    }

    @Test
    @Order(6)
    void jvmRuntimeMetricsArriveWithTheApplicationsOwn() {
        ReceivedMetric used = receiver.awaitMetric("jvm.memory.used", WAIT);
        assertThat(used.resourceAttributes()).containsEntry("service.name", serviceName());
        receiver.awaitMetric("jvm.thread.count", WAIT);
    }

    @Test
    @Order(6)
    void everyExportCarriesTheTelemetryFlowHeaders() {
        receiver.awaitSpan("orders.checkout", WAIT);
        receiver.awaitMetric("shop.orders.received", WAIT);
        receiver.awaitLog("charging order", WAIT);
        List<ReceivedExport> exports = receiver.exports();
        Set<Signal> signals = EnumSet.noneOf(Signal.class);
        for (ReceivedExport export : exports) {
            signals.add(export.signal());
            assertThat(export.header("authorization")).as("%s", export).isEqualTo("Bearer " + keyId + ":" + keySecret);
            assertThat(export.header("x-telemetryflow-key-id")).as("%s", export).isEqualTo(keyId);
            assertThat(export.header("x-telemetryflow-key-secret")).as("%s", export).isEqualTo(keySecret);
            assertThat(export.header("x-telemetryflow-collector-id")).as("%s", export).isEqualTo(collectorId);
            assertThat(export.header("x-telemetryflow-environment")).as("%s", export).isEqualTo(ENVIRONMENT);
            assertThat(export.header("x-telemetryflow-api-version")).as("%s", export).isEqualTo("v2");
            // compression auto (the default): none to a loopback host on either protocol (gzip there only
            // costs CPU); gzip on gRPC to a remote host is TelemetryConfigValidationTest's and the factory's
            assertThat(export.gzip()).as("default compression to a loopback host: %s", export).isFalse();
            assertThat(export.header("x-telemetryflow-datacenter")).as("%s", export).isEqualTo("default");
            assertTransport(export);
        }
        assertThat(signals).containsExactlyInAnyOrder(Signal.TRACES, Signal.METRICS, Signal.LOGS);
        assertThat(receiver.protocolErrors()).isEmpty();
    }

    @Test
    @Order(6)
    void incomingTraceparentIsContinuedByTheServerSpanNamedByTheRouteTemplate() {
        ReceivedSpan server = receiver.awaitSpan(s -> s.traceId().equals(statusCaller.traceId())
            && s.kind() == Span.SpanKind.SPAN_KIND_SERVER, WAIT);
        assertThat(server.name()).as("the route template, not the raw path").isEqualTo("GET /orders/{id}");
        assertThat(server.parentSpanId()).as("parent: the caller's span of the traceparent header")
            .isEqualTo(statusCaller.spanId());
        assertThat(server.span().getTraceState()).as("tracestate of the caller").isEqualTo(statusCaller.traceState());
        assertThat(server.attributes())
            .containsEntry("http.request.method", "GET")
            .containsEntry("http.route", "/orders/{id}")
            .containsEntry("url.path", app.base().getPath() + "/api/orders/42")
            .containsEntry("http.response.status_code", 200L);
        assertThat(server.status().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);

        ReceivedSpan status = awaitSpan("order.status", "order.id", "42");
        assertThat(status.traceId()).isEqualTo(statusCaller.traceId());
        assertThat(status.parentSpanId()).isEqualTo(server.spanId());

        // bounded cardinality: no raw path in span names or metric attributes
        assertThat(receiver.spans()).noneMatch(s -> s.name().contains("/42") || s.name().contains("/7"));
        ReceivedMetric duration = receiver.awaitMetric("http.server.request.duration", WAIT);
        assertThat(duration.unit()).isEqualTo("s");
        assertThat(duration.histogramCount(Map.of("url.scheme", "http", "http.request.method", "GET", "http.route", "/orders/{id}",
            "http.response.status_code", 200L))).as("GET /api/orders/42 and /api/orders/7 (called by the receipt)")
            .isEqualTo(2);
        assertThat(duration.dataPointAttributes()).noneMatch(a -> String.valueOf(a.get("http.route")).matches(".*/(42|7)(/.*)?"));
    }

    /**
     * An asynchronous resource ({@code CompletionStage}): its SERVER span continues the caller and ends with the
     * answer, sent from another thread; the work on that thread ({@code TelemetryContext.wrap}) is its child;
     * and no later request inherits its context (each request without a {@code traceparent} starts a trace).
     */
    @Test
    @Order(6)
    void asyncResourceEndsItsServerSpanWithTheAnswerAndLeavesNoContextBehind() {
        String trace = laterCaller.traceId();
        ReceivedSpan server = receiver.awaitSpan(s -> s.traceId().equals(trace) && s.name().equals("GET /orders/{id}/later"), WAIT);
        assertThat(server.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(server.parentSpanId()).isEqualTo(laterCaller.spanId());
        assertThat(server.attributes()).containsEntry("http.route", "/orders/{id}/later")
            .containsEntry("http.response.status_code", 200L);
        assertThat(server.status().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);

        ReceivedSpan status = awaitSpan("order.status", "order.id", "9");
        assertThat(status.traceId()).as("the work on the other thread: in the request's trace").isEqualTo(trace);
        assertThat(status.parentSpanId()).isEqualTo(server.spanId());
        assertThat(server.span().getEndTimeUnixNano()).as("ended with the answer, after the work")
            .isGreaterThanOrEqualTo(status.span().getEndTimeUnixNano());

        long after = server.span().getEndTimeUnixNano();
        java.util.List<ReceivedSpan> next = awaitServerSpansAfter(after);
        assertThat(next).as("requests without a traceparent after the async one").hasSizeGreaterThanOrEqualTo(REQUESTS_AFTER_ASYNC);
        assertThat(next).allSatisfy(s -> {
            assertThat(s.parentSpanId()).as("%s: a root span", s).isEmpty();
            assertThat(s.traceId()).as("%s: not the async request's trace", s).isNotEqualTo(trace);
        });
        assertThat(next.stream().map(ReceivedSpan::traceId).distinct().count()).as("one new trace each").isEqualTo(next.size());
    }

    private java.util.List<ReceivedSpan> awaitServerSpansAfter(long endNanos) {
        receiver.awaitSpan(s -> matchesAfter(s, endNanos)
            && receiver.spans().stream().filter(o -> matchesAfter(o, endNanos)).count() >= REQUESTS_AFTER_ASYNC, WAIT);
        return receiver.spans().stream().filter(s -> matchesAfter(s, endNanos)).toList();
    }

    private static boolean matchesAfter(ReceivedSpan s, long endNanos) {
        return s.kind() == Span.SpanKind.SPAN_KIND_SERVER && s.name().equals("GET /telemetry")
            && s.span().getStartTimeUnixNano() >= endNanos;
    }

    /**
     * A JAX-RS client call that fails without a response (connection refused: {@code ProcessingException}, so no
     * client response filter runs) still ends its CLIENT span, in ERROR, with the request that made it.
     */
    @Test
    @Order(6)
    void aRefusedClientCallEndsItsClientSpanInError() {
        String trace = supplierCaller.traceId();
        ReceivedSpan server = receiver.awaitSpan(s -> s.traceId().equals(trace) && s.name().equals("GET /orders/{id}/supplier"), WAIT);
        assertThat(server.attributes()).containsEntry("http.response.status_code", 502L);
        ReceivedSpan client = receiver.awaitSpan(s -> s.traceId().equals(trace) && s.kind() == Span.SpanKind.SPAN_KIND_CLIENT, WAIT);
        assertThat(client.parentSpanId()).as("child of the request's SERVER span").isEqualTo(server.spanId());
        assertThat(client.status().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(client.attributes()).containsKey("error.type").doesNotContainKey("http.response.status_code")
            .containsEntry("server.port", (long) refusedPort)
            .containsEntry("url.full", "http://" + ItEnv.LOOPBACK + ":" + refusedPort + "/stock/5");
        assertThat(client.span().getEndTimeUnixNano()).isLessThanOrEqualTo(server.span().getEndTimeUnixNano());
    }

    @Test
    @Order(6)
    void jaxrsClientCallContinuesTheTraceInTheCalledEndpoint() {
        String trace = receiptCaller.traceId();
        ReceivedSpan outer = receiver.awaitSpan(s -> s.traceId().equals(trace) && s.name().equals("GET /orders/{id}/receipt"), WAIT);
        assertThat(outer.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(outer.parentSpanId()).isEqualTo(receiptCaller.spanId());

        ReceivedSpan client = receiver.awaitSpan(s -> s.traceId().equals(trace) && s.kind() == Span.SpanKind.SPAN_KIND_CLIENT, WAIT);
        assertThat(client.parentSpanId()).as("CLIENT span: child of the SERVER span of the receipt request").isEqualTo(outer.spanId());
        assertThat(client.name()).isEqualTo("GET");
        assertThat(client.attributes())
            .containsEntry("http.request.method", "GET")
            .containsEntry("url.full", app.base() + "/api/orders/7")
            .containsEntry("server.address", ItEnv.LOOPBACK)
            .containsEntry("server.port", (long) app.base().getPort())
            .containsEntry("http.response.status_code", 200L);
        assertThat(client.span().getStartTimeUnixNano()).isGreaterThanOrEqualTo(outer.span().getStartTimeUnixNano());
        assertThat(client.span().getEndTimeUnixNano()).isLessThanOrEqualTo(outer.span().getEndTimeUnixNano());

        ReceivedSpan inner = receiver.awaitSpan(s -> s.traceId().equals(trace) && s.name().equals("GET /orders/{id}"), WAIT);
        assertThat(inner.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(inner.parentSpanId()).as("SERVER span of the called endpoint: child of the CLIENT span").isEqualTo(client.spanId());
        assertThat(inner.attributes())
            .containsEntry("http.route", "/orders/{id}")
            .containsEntry("url.path", app.base().getPath() + "/api/orders/7");
        assertThat(inner.span().getTraceState()).as("tracestate carried by the client filter")
            .isEqualTo(receiptCaller.traceState());
        ReceivedSpan status = awaitSpan("order.status", "order.id", "7");
        assertThat(status.traceId()).isEqualTo(trace);
        assertThat(status.parentSpanId()).isEqualTo(inner.spanId());
    }

    @Test
    @Order(6)
    void julRecordsBecomeLogsWithSeverityExceptionAndTraceContext() {
        ReceivedSpan status = awaitSpan("order.status", "order.id", "42");
        ReceivedLog info = receiver.awaitLog("status of order 42 requested", WAIT);
        assertThat(info.severityNumber()).isEqualTo(9);
        assertThat(info.severityText()).isEqualTo("INFO");
        assertThat(info.traceId()).isEqualTo(statusCaller.traceId());
        assertThat(info.spanId()).isEqualTo(status.spanId());
        assertThat(info.attributes()).containsEntry("log.logger.name", SHOP + "OrderService");

        ReceivedSpan checkout = awaitSpan("orders.checkout", "order.item", "gift-card");
        ReceivedLog declined = receiver.awaitLog(l -> l.body().startsWith("payment declined for order-"), WAIT);
        assertThat(declined.severityNumber()).isEqualTo(13);
        assertThat(declined.severityText()).isEqualTo("WARNING");
        assertThat(declined.traceId()).isEqualTo(checkout.traceId());
        assertThat(declined.spanId()).isEqualTo(checkout.spanId());
        assertThat(declined.attributes())
            .containsEntry("log.logger.name", SHOP + "OrderResource")
            .containsEntry("exception.type", SHOP + "PaymentDeclinedException")
            .containsEntry("exception.message", declined.body());
        assertThat((String) declined.attributes().get("exception.stacktrace"))
            .contains(SHOP + "PaymentDeclinedException: payment declined for order-")
            .contains("OrderService.charge");
    }

    @Test
    @Order(7)
    void theSdksOwnLogRecordsAreNotExported() {
        // a failing export makes the SDK (ExportHealth) and OpenTelemetry's exporter log warnings on JUL
        receiver.respondWith(FaultMode.httpStatus(400));
        try {
            HttpResponse<String> failed = post("/api/telemetry/flush");
            assertThat(failed.body()).as("flush against a failing receiver").isEqualTo("not everything could be exported");
        } finally {
            receiver.respondWith(FaultMode.accept());
        }
        assertThat(app.process().awaitOutput("TelemetryFlow: export of", WAIT))
            .as("the SDK's own warning is logged by the runtime; output:\n%s", app.process().tail(40)).isTrue();

        // the next export carries the application's records only
        HttpResponse<String> status = get("/api/orders/43", Map.of());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(post("/api/telemetry/flush").body()).isEqualTo("flushed");
        receiver.awaitLog("status of order 43 requested", WAIT);
        assertThat(receiver.logs()).noneMatch(l -> {
            String logger = String.valueOf(l.attributes().get("log.logger.name"));
            return (logger.startsWith("io.telemetryflow.") && !logger.startsWith("io.telemetryflow.examples."))
                || logger.startsWith("io.opentelemetry.") || l.body().contains("TelemetryFlow: export of");
        });
    }

    @Test
    @Order(7)
    void readinessIsDownWhileExportsFailAndUpWhenTheyWorkAgain() {
        org.junit.jupiter.api.Assumptions.assumeTrue(readinessUri() != null, "no MicroProfile Health endpoint here");
        HttpResponse<String> up = getAbsolute(readinessUri());
        assertThat(up.statusCode()).as("readiness: %s", up.body()).isEqualTo(200);
        assertThat(up.body()).contains("\"telemetryflow\"");
        receiver.respondWith(FaultMode.httpStatus(400));
        try {
            post("/api/telemetry/flush"); // one export interval: the export fails now
            HttpResponse<String> down = getAbsolute(readinessUri());
            assertThat(down.statusCode()).as("readiness while the backend fails: %s", down.body()).isEqualTo(503);
            assertThat(down.body()).contains("\"telemetryflow\"").contains("DOWN").doesNotContain(keySecret)
                .doesNotContain(keySecret.substring("tfs_".length()));
        } finally {
            receiver.respondWith(FaultMode.accept());
        }
        assertThat(post("/api/telemetry/flush").body()).isEqualTo("flushed");
        HttpResponse<String> again = getAbsolute(readinessUri());
        assertThat(again.statusCode()).as("readiness after the backend is back: %s", again.body()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void gracefulStopDeliversWhatWasRecordedJustBefore() {
        String item = "last-words-" + runtime();
        HttpResponse<String> r = post("/api/orders?item=" + item);
        assertThat(r.statusCode()).as("POST /api/orders: %s", r.body()).isEqualTo(200);
        // 60 s batch timeout: nothing of this request has been exported yet
        assertThat(receiver.spans()).noneMatch(s -> item.equals(s.attribute("order.item")));

        long t0 = System.nanoTime();
        int exit = app.process().stopGracefully(Duration.ofSeconds(90));
        System.out.printf("[it] %s stopped gracefully in %d ms, exit code %d%n", runtime(),
            (System.nanoTime() - t0) / 1_000_000, exit);

        ReceivedSpan create = awaitSpan("orders.create", "order.item", item);
        ReceivedSpan place = awaitSpan("order.place", "order.item", item);
        assertThat(place.parentSpanId()).isEqualTo(create.spanId());
        ReceivedLog log = receiver.awaitLog(l -> l.body().equals("order placed") && item.equals(l.attributes().get("order.item")), WAIT);
        assertThat(log.traceId()).isEqualTo(create.traceId());
        receiver.awaitMetric("shop.orders.received", m -> {
            NumberDataPoint p = m.sumPoint(Map.of("order.item", item));
            return p.getAsInt() == 1 || p.getAsDouble() == 1.0;
        }, WAIT);
        receiver.awaitMetric("shop.orders.placed", m -> sum(m) == 3, WAIT);
    }

    @Test
    @Order(7)
    void theAppReadsItsTraceBackFromCoreWithAJwt() {
        String traceId = statusCaller.traceId();
        receiver.awaitSpan(s -> s.traceId().equals(traceId), WAIT);
        String expected = receiver.spans().stream().filter(s -> s.traceId().equals(traceId)).map(ReceivedSpan::name)
            .distinct().sorted().collect(java.util.stream.Collectors.joining(","));
        HttpResponse<String> trace = get("/api/telemetry/traces/" + traceId, Map.of());
        assertThat(trace.statusCode()).as("GET /api/telemetry/traces: %s", trace.body()).isEqualTo(200);
        assertThat(trace.body()).isEqualTo(expected).isNotEmpty();
        assertThat(get("/api/telemetry/traces/0123456789abcdef0123456789abcdef", Map.of()).statusCode()).isEqualTo(404);
        // Core's route, with the access token of one login; never the ingestion key
        assertThat(core.logins()).isEqualTo(1);
        assertThat(core.requests()).anySatisfy(r -> {
            assertThat(r.uri().getPath()).isEqualTo("/api/v2/query/signals/traces/" + traceId);
            assertThat(r.headers().get("authorization")).startsWith("Bearer ey");
            assertThat(r.status()).isEqualTo(200);
        });
        assertThat(core.requests()).allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("x-telemetryflow-key-secret"));
    }

    @Test
    @Order(9)
    void invalidApiKeyIdStopsTheStartWithAClearMessage() {
        String secret = "tfs_never_print_me_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> env = clientEnv(receiver, "bad", secret);
        Started bad = start("bad-api-key-id", env, Map.of());
        others.add(bad.process());
        String output = assertStartFailed(bad);
        assertThat(output).contains("TelemetryFlow configuration is invalid").contains("telemetryflow.api-key-id");
        assertThat(output).as("no synthetic-bean hash in the story").doesNotContain("Error creating synthetic bean");
        int ours = output.indexOf("TelemetryFlow configuration is invalid");
        for (String theirs : List.of("Failed to start", "WFLYCTL0080", "Exception during lifecycle processing")) {
            int at = output.indexOf(theirs);
            assertThat(at < 0 || ours < at).as("our headline before the runtime's '%s'; output:%n%s", theirs, output).isTrue();
        }
        assertThat(output).doesNotContain(secret);
        assertThat(output).doesNotContain(secret.substring("tfs_".length()));
    }

    // ------------------------------------------------------------------ helpers

    /** What the receiver got, for diagnosis: {@code target/it-output/<runtime>/received.txt}. */
    private void writeReceivedSummary() {
        if (receiver == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        receiver.exports().forEach(e -> sb.append("export ").append(e).append(' ').append(e.receivedAt()).append('\n'));
        receiver.spans().forEach(sp -> sb.append(sp).append(" status=").append(sp.status().getCode())
            .append(' ').append(sp.attributes()).append('\n'));
        receiver.metrics().forEach(m -> sb.append(m).append('\n'));
        receiver.logs().forEach(l -> sb.append(l).append(" trace=").append(l.traceId()).append(" span=")
            .append(l.spanId()).append(' ').append(l.attributes()).append('\n'));
        receiver.protocolErrors().forEach(err -> sb.append("protocol error ").append(err).append('\n'));
        try {
            Path file = ItEnv.output(runtime()).resolve("received.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            System.out.println("[it] could not write the received summary: " + e);
        }
    }

    HttpResponse<String> post(String pathAndQuery) {
        URI uri = URI.create(app.base() + pathAndQuery);
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(WAIT).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("POST " + uri + " failed: " + e + "; output:\n" + app.process().tail(40), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    HttpResponse<String> getAbsolute(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed: " + e + "; output:\n" + app.process().tail(40), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    HttpResponse<String> get(String pathAndQuery, Map<String, String> headers) {
        URI uri = URI.create(app.base() + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(WAIT).GET();
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed: " + e + "; output:\n" + app.process().tail(40), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    ReceivedSpan awaitSpan(String name, String attribute, Object value) {
        return receiver.awaitSpan(s -> s.name().equals(name) && value.equals(s.attribute(attribute)), WAIT);
    }

    static double sum(ReceivedMetric m) {
        double total = 0;
        for (NumberDataPoint p : m.metric().getSum().getDataPointsList()) {
            total += p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
        }
        return total;
    }

    static long histogramCount(ReceivedMetric m) {
        return m.metric().getHistogram().getDataPointsList().stream().mapToLong(p -> p.getCount()).sum();
    }
}
