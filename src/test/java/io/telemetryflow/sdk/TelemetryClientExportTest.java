package io.telemetryflow.sdk;

import static io.telemetryflow.sdk.SdkTestClients.KEY_ID;
import static io.telemetryflow.sdk.SdkTestClients.KEY_SECRET;
import static io.telemetryflow.sdk.SdkTestClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.Severity;
import io.telemetryflow.sdk.domain.SpanKind;
import io.telemetryflow.devbackend.AnyValues;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedExport;
import io.telemetryflow.devbackend.ReceivedLog;
import io.telemetryflow.devbackend.ReceivedMetric;
import io.telemetryflow.devbackend.ReceivedSpan;
import io.telemetryflow.devbackend.Signal;
import io.telemetryflow.devbackend.Transport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives every record method of {@link TelemetryClient} over OTLP/gRPC and OTLP/HTTP, gzip on and
 * off, API v1 and v2, and asserts on what a real OTLP receiver decoded from the wire.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TelemetryClientExportTest {

    private static OtlpReceiver receiver;
    private TelemetryClient client;

    /** One export configuration. */
    record Variant(Protocol protocol, boolean gzip, boolean v2) {
        @Override
        public String toString() {
            return protocol + (gzip ? " gzip" : " plain") + (v2 ? " v2" : " v1");
        }
    }

    static Stream<Variant> variants() {
        List<Variant> all = new ArrayList<>();
        for (Protocol p : Protocol.values()) {
            for (boolean gzip : new boolean[] {true, false}) {
                for (boolean v2 : new boolean[] {true, false}) {
                    all.add(new Variant(p, gzip, v2));
                }
            }
        }
        return all.stream();
    }

    @BeforeAll
    static void startReceiver() {
        receiver = OtlpReceiver.start().acceptHttpGzip(true); // also a generic OTLP backend (gzip on HTTP)
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @BeforeEach
    void clearReceiver() {
        receiver.clear();
    }

    @AfterEach
    void shutdownClient() {
        if (client != null) {
            client.shutdown();
        }
        assertThat(receiver.protocolErrors()).as("requests the receiver could not decode").isEmpty();
    }

    private TelemetryClient start(Variant v) {
        client = SdkTestClients.builder(receiver, v.protocol())
            .compression(v.gzip())
            .apiV2(v.v2())
            .build()
            .initialize();
        return client;
    }

    // ------------------------------------------------------------------ metrics

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void countersArriveAsMonotonicCumulativeSumsPerAttributeSet(Variant v) {
        start(v);
        client.incrementCounter("orders.created");
        client.incrementCounter("orders.created", 4);
        client.incrementCounter("orders.created", 2, Map.of("region", "eu", "priority", 3));
        client.incrementCounter("orders.created", 3, Map.of("region", "eu", "priority", 3));
        client.incrementCounter("orders.created", 10, Map.of("region", "us", "priority", 3));
        assertThat(client.flush()).isTrue();

        ReceivedMetric m = receiver.awaitMetric("orders.created",
            x -> x.sumValue() == 5 && x.sumValue(Map.of("region", "eu", "priority", 3)) == 5
                && x.sumValue(Map.of("region", "us", "priority", 3)) == 10, WAIT);
        assertThat(m.type()).isEqualTo(Metric.DataCase.SUM);
        assertThat(m.isMonotonic()).isTrue();
        assertThat(m.temporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        assertThat(m.sumPoint(Map.of()).getValueCase().name()).isEqualTo("AS_INT");
        assertThat(m.dataPointAttributes()).hasSize(3);
        assertThat(m.scopeName()).isEqualTo("io.telemetryflow.sdk");
        assertStandardResource(m.resourceAttributes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void gaugesAndGenericMetricsKeepTheLastValueAndUnit(Variant v) {
        start(v);
        client.recordGauge("queue.depth", 3.0);
        client.recordGauge("queue.depth", 7.5);
        client.recordGauge("queue.depth", 40, Map.of("queue", "high"));
        client.recordGauge("queue.depth", 42, Map.of("queue", "high"));
        client.recordMetric("cpu.temperature", 55.0, "Cel", Map.of("core", 0));
        client.recordMetric("cpu.temperature", 61.5, "Cel", Map.of("core", 0));
        client.recordMetric("memory.used", 1024, "By");
        assertThat(client.flush()).isTrue();

        ReceivedMetric gauge = receiver.awaitMetric("queue.depth",
            m -> m.gaugeValue() == 7.5 && m.gaugeValue(Map.of("queue", "high")) == 42, WAIT);
        assertThat(gauge.type()).isEqualTo(Metric.DataCase.GAUGE);
        assertThat(gauge.unit()).isEmpty();
        assertThat(gauge.dataPointAttributes()).hasSize(2);

        ReceivedMetric temperature = receiver.awaitMetric("cpu.temperature",
            m -> m.gaugeValue(Map.of("core", 0)) == 61.5, WAIT);
        assertThat(temperature.type()).isEqualTo(Metric.DataCase.GAUGE);
        assertThat(temperature.unit()).isEqualTo("Cel");
        assertThat(temperature.attributes()).containsExactly(Map.entry("core", 0L));

        ReceivedMetric memory = receiver.awaitMetric("memory.used", m -> m.gaugeValue() == 1024, WAIT);
        assertThat(memory.unit()).isEqualTo("By");
        assertStandardResource(memory.resourceAttributes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void histogramsCarryBucketsCountSumMinMaxAndUnit(Variant v) {
        start(v);
        Map<String, Object> eu = Map.of("region", "eu");
        client.recordHistogram("order.value", 3, "USD", eu);
        client.recordHistogram("order.value", 7, "USD", eu);
        client.recordHistogram("order.value", 7, "USD", eu);
        client.recordHistogram("order.value", 120, "USD", eu);
        client.recordHistogram("order.value", 0.5, "USD");
        assertThat(client.flush()).isTrue();

        ReceivedMetric m = receiver.awaitMetric("order.value", x -> x.histogramCount(eu) == 4, WAIT);
        assertThat(m.type()).isEqualTo(Metric.DataCase.HISTOGRAM);
        assertThat(m.unit()).isEqualTo("USD");
        assertThat(m.temporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        HistogramDataPoint p = m.histogramPoint(eu);
        assertThat(p.getSum()).isEqualTo(137.0);
        assertThat(p.getMin()).isEqualTo(3.0);
        assertThat(p.getMax()).isEqualTo(120.0);
        // OpenTelemetry's default explicit boundaries
        assertThat(p.getExplicitBoundsList()).containsExactly(
            0d, 5d, 10d, 25d, 50d, 75d, 100d, 250d, 500d, 750d, 1000d, 2500d, 5000d, 7500d, 10000d);
        // (-inf,0] (0,5] (5,10] (10,25] (25,50] (50,75] (75,100] (100,250] ...
        assertThat(p.getBucketCountsList()).containsExactly(0L, 1L, 2L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L,
            0L, 0L);
        assertThat(m.histogramCount()).isEqualTo(1);
        assertThat(m.histogramSum()).isEqualTo(0.5);
    }

    // ------------------------------------------------------------------ logs

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void logsCarrySeverityBodyAttributesAndTimestamp(Variant v) {
        start(v);
        long before = epochNanos();
        client.logInfo("order accepted", Map.of("order.id", "o-1", "amount", 12.5, "items", 3, "gift", true));
        client.logDebug("debug with attrs", Map.of("k", "d"));
        client.logDebug("debug plain");
        client.logInfo("info plain");
        client.logWarn("warn with attrs", Map.of("k", "w"));
        client.logWarn("warn plain");
        client.logError("error with attrs", Map.of("k", "e"));
        client.logError("error plain");
        client.log(Severity.FATAL, "fatal with attrs", Map.of("k", "f"));
        client.log(Severity.TRACE, "trace plain");
        long after = epochNanos();
        assertThat(client.flush()).isTrue();

        ReceivedLog accepted = receiver.awaitLog("order accepted", WAIT);
        assertThat(accepted.severityNumber()).isEqualTo(9);
        assertThat(accepted.severityText()).isEqualTo("INFO");
        assertThat(accepted.attributes()).isEqualTo(
            AnyValues.normalize(Map.of("order.id", "o-1", "amount", 12.5, "items", 3, "gift", true)));
        assertThat(accepted.log().getTimeUnixNano()).isBetween(before, after);
        assertThat(accepted.traceId()).as("no span is current").isEmpty();
        assertThat(accepted.spanId()).isEmpty();
        assertThat(accepted.scopeName()).isEqualTo("io.telemetryflow.sdk");
        assertStandardResource(accepted.resourceAttributes());

        assertLog("debug with attrs", 5, "DEBUG", Map.of("k", "d"));
        assertLog("debug plain", 5, "DEBUG", Map.of());
        assertLog("info plain", 9, "INFO", Map.of());
        assertLog("warn with attrs", 13, "WARN", Map.of("k", "w"));
        assertLog("warn plain", 13, "WARN", Map.of());
        assertLog("error with attrs", 17, "ERROR", Map.of("k", "e"));
        assertLog("error plain", 17, "ERROR", Map.of());
        assertLog("fatal with attrs", 21, "FATAL", Map.of("k", "f"));
        assertLog("trace plain", 1, "TRACE", Map.of());
    }

    private void assertLog(String body, int number, String text, Map<String, ?> attributes) {
        ReceivedLog log = receiver.awaitLog(body, WAIT);
        assertThat(log.severityNumber()).as(body).isEqualTo(number);
        assertThat(log.severityText()).as(body).isEqualTo(text);
        assertThat(log.attributes()).as(body).isEqualTo(AnyValues.normalize(attributes));
        assertThat(log.log().getTimeUnixNano()).as(body).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void logsInsideASpanCarryItsTraceAndSpanId(Variant v) {
        start(v);
        String traceId;
        String outerSpanId;
        String innerSpanId;
        try (TelemetrySpan outer = client.span("checkout")) {
            traceId = outer.traceId();
            outerSpanId = outer.spanId();
            client.logInfo("in outer");
            try (TelemetrySpan inner = client.span("reserve")) {
                innerSpanId = inner.spanId();
                client.logWarn("in inner", Map.of("step", 2));
            }
            client.logError("back in outer");
        }
        client.logInfo("after span");
        assertThat(client.flush()).isTrue();

        ReceivedSpan outer = receiver.awaitSpan("checkout", WAIT);
        assertThat(outer.traceId()).isEqualTo(traceId);
        assertThat(outer.spanId()).isEqualTo(outerSpanId);

        assertThat(receiver.awaitLog("in outer", WAIT)).satisfies(l -> {
            assertThat(l.traceId()).isEqualTo(traceId);
            assertThat(l.spanId()).isEqualTo(outerSpanId);
        });
        assertThat(receiver.awaitLog("in inner", WAIT)).satisfies(l -> {
            assertThat(l.traceId()).isEqualTo(traceId);
            assertThat(l.spanId()).isEqualTo(innerSpanId);
        });
        assertThat(receiver.awaitLog("back in outer", WAIT).spanId()).isEqualTo(outerSpanId);
        assertThat(receiver.awaitLog("after span", WAIT).traceId()).isEmpty();
    }

    // ------------------------------------------------------------------ traces

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void startedSpansCarryKindAttributesEventsAndErrorStatus(Variant v) {
        start(v);
        String query = client.startSpan("db.query", SpanKind.CLIENT, Map.of(
            "db.system", "postgresql", "rows", 3, "cached", false, "ratio", 0.5,
            "tags", List.of("a", "b"), "ids", new int[] {1, 2}));
        client.addSpanEvent(query, "rows.fetched", Map.of("count", 3));
        client.endSpan(query);

        String charge = client.startSpan("payment.charge", SpanKind.PRODUCER, null);
        client.endSpan(charge, new IllegalStateException("card declined"));

        String plain = client.startSpan("plain");
        client.endSpan(plain, null);
        assertThat(client.flush()).isTrue();

        ReceivedSpan q = receiver.awaitSpan("db.query", WAIT);
        assertThat(q.spanId()).isEqualTo(query);
        assertThat(q.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(q.parentSpanId()).as("no span was current").isEmpty();
        assertThat(q.attributes()).isEqualTo(AnyValues.normalize(Map.of(
            "db.system", "postgresql", "rows", 3, "cached", false, "ratio", 0.5,
            "tags", List.of("a", "b"), "ids", List.of(1L, 2L))));
        assertThat(q.eventNames()).containsExactly("rows.fetched");
        assertThat(AnyValues.toMap(q.events().get(0).getAttributesList())).containsExactly(Map.entry("count", 3L));
        assertThat(q.status().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
        assertThat(q.durationNanos()).isNotNegative();
        assertThat(q.scopeName()).isEqualTo("io.telemetryflow.sdk");
        assertStandardResource(q.resourceAttributes());

        ReceivedSpan c = receiver.awaitSpan("payment.charge", WAIT);
        assertThat(c.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_PRODUCER);
        assertThat(c.status().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
        assertThat(c.status().getMessage()).isEqualTo("card declined");
        assertThat(c.eventNames()).containsExactly("exception");
        Map<String, Object> exception = AnyValues.toMap(c.events().get(0).getAttributesList());
        assertThat(exception).containsEntry("exception.type", "java.lang.IllegalStateException")
            .containsEntry("exception.message", "card declined");
        assertThat((String) exception.get("exception.stacktrace")).contains("card declined")
            .contains(TelemetryClientExportTest.class.getName());

        ReceivedSpan p = receiver.awaitSpan("plain", WAIT);
        assertThat(p.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
        assertThat(p.attributes()).isEmpty();
        assertThat(p.status().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Protocol.class)
    void everySpanKindIsExported(Protocol protocol) {
        start(new Variant(protocol, true, true));
        for (SpanKind kind : SpanKind.values()) {
            client.endSpan(client.startSpan("started." + kind, kind, Map.of()));
            try (TelemetrySpan ignored = client.span("scoped." + kind, kind)) {
                assertThat(ignored.spanId()).hasSize(16).isNotEqualTo("0000000000000000");
            }
        }
        assertThat(client.flush()).isTrue();
        for (SpanKind kind : SpanKind.values()) {
            Span.SpanKind expected = Span.SpanKind.valueOf("SPAN_KIND_" + kind.name());
            assertThat(receiver.awaitSpan("started." + kind, WAIT).kind()).isEqualTo(expected);
            assertThat(receiver.awaitSpan("scoped." + kind, WAIT).kind()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void nestedSpansLinkToTheirParents(Variant v) {
        start(v);
        String rootId;
        String childId;
        String grandchildId;
        String siblingId;
        try (TelemetrySpan root = client.span("http.request", SpanKind.SERVER)) {
            rootId = root.spanId();
            root.setAttribute("http.route", "/orders");
            try (TelemetrySpan child = client.span("service.call")) {
                childId = child.spanId();
                grandchildId = client.startSpan("repo.load", SpanKind.CLIENT, Map.of());
                client.addSpanEvent(grandchildId, "cache.miss", Map.of());
                client.endSpan(grandchildId);
            }
            siblingId = client.startSpan("audit.write", SpanKind.INTERNAL, Map.of());
            client.endSpan(siblingId, new RuntimeException("audit down"));
        }
        String detached = client.startSpan("detached");
        client.endSpan(detached);
        assertThat(client.flush()).isTrue();

        ReceivedSpan root = receiver.awaitSpan("http.request", WAIT);
        ReceivedSpan child = receiver.awaitSpan("service.call", WAIT);
        ReceivedSpan grandchild = receiver.awaitSpan("repo.load", WAIT);
        ReceivedSpan sibling = receiver.awaitSpan("audit.write", WAIT);
        ReceivedSpan other = receiver.awaitSpan("detached", WAIT);

        assertThat(root.spanId()).isEqualTo(rootId);
        assertThat(root.parentSpanId()).isEmpty();
        assertThat(root.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(root.attribute("http.route")).isEqualTo("/orders");
        assertThat(child.spanId()).isEqualTo(childId);
        assertThat(child.parentSpanId()).isEqualTo(rootId);
        assertThat(grandchild.spanId()).isEqualTo(grandchildId);
        assertThat(grandchild.parentSpanId()).isEqualTo(childId);
        assertThat(grandchild.eventNames()).containsExactly("cache.miss");
        assertThat(sibling.spanId()).isEqualTo(siblingId);
        assertThat(sibling.parentSpanId()).isEqualTo(rootId);
        assertThat(sibling.status().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
        assertThat(sibling.eventNames()).containsExactly("exception");
        assertThat(Stream.of(child, grandchild, sibling).map(ReceivedSpan::traceId))
            .containsOnly(root.traceId());
        assertThat(other.parentSpanId()).isEmpty();
        assertThat(other.traceId()).isNotEqualTo(root.traceId());
    }

    // ------------------------------------------------------------------ wire contract

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyExportCarriesTheTelemetryFlowHeadersPathAndCompression(Variant v) {
        start(v);
        client.incrementCounter("wire.counter");
        client.logInfo("wire log");
        client.endSpan(client.startSpan("wire span"));
        assertThat(client.flush()).isTrue();
        receiver.awaitSpan("wire span", WAIT);
        receiver.awaitLog("wire log", WAIT);
        receiver.awaitMetric("wire.counter", WAIT);

        List<ReceivedExport> exports = receiver.exports();
        Set<Signal> seen = exports.stream().map(ReceivedExport::signal)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Signal.class)));
        assertThat(seen).containsExactlyInAnyOrder(Signal.values());
        for (ReceivedExport e : exports) {
            assertThat(e.transport()).as("%s", e).isEqualTo(
                v.protocol() == Protocol.GRPC ? Transport.GRPC : Transport.HTTP);
            assertThat(e.path()).as("%s", e).isEqualTo(expectedPath(v, e.signal()));
            assertThat(e.gzip()).as("%s gzip", e).isEqualTo(v.gzip());
            assertThat(e.header("authorization")).isEqualTo("Bearer " + KEY_ID + ":" + KEY_SECRET);
            assertThat(e.header("x-telemetryflow-key-id")).isEqualTo(KEY_ID);
            assertThat(e.header("x-telemetryflow-key-secret")).isEqualTo(KEY_SECRET);
            assertThat(e.header("x-telemetryflow-collector-id")).isEqualTo("col-1");
            assertThat(e.header("x-telemetryflow-environment")).isEqualTo("test");
            if (v.v2()) {
                assertThat(e.header("x-telemetryflow-api-version")).as("%s", e).isEqualTo("v2");
            } else {
                assertThat(e.headers()).as("%s", e).doesNotContainKey("x-telemetryflow-api-version");
            }
            if (v.protocol() == Protocol.HTTP) {
                assertThat(e.header("content-type")).isEqualTo("application/x-protobuf");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Protocol.class)
    void collectorIdHeaderIsLeftOutWhenUnset(Protocol protocol) {
        client = SdkTestClients.builder(receiver, protocol).collectorId("").build().initialize();
        client.endSpan(client.startSpan("no collector"));
        assertThat(client.flush()).isTrue();
        ReceivedSpan span = receiver.awaitSpan("no collector", WAIT);
        assertThat(span.export().headers()).doesNotContainKey("x-telemetryflow-collector-id")
            .containsEntry("x-telemetryflow-key-id", KEY_ID);
        assertThat(span.resourceAttributes()).doesNotContainKey("telemetryflow.collector.id");
    }

    private static String expectedPath(Variant v, Signal signal) {
        if (v.protocol() == Protocol.GRPC) {
            return switch (signal) {
                case TRACES -> "opentelemetry.proto.collector.trace.v1.TraceService/Export";
                case METRICS -> "opentelemetry.proto.collector.metrics.v1.MetricsService/Export";
                case LOGS -> "opentelemetry.proto.collector.logs.v1.LogsService/Export";
            };
        }
        return (v.v2() ? "/v2/" : "/v1/") + signal.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void assertStandardResource(Map<String, Object> resource) {
        assertThat(resource)
            .containsEntry("service.name", "orders")
            .containsEntry("service.version", "2.1.0")
            .containsEntry("service.namespace", "shop")
            .containsEntry("deployment.environment.name", "test")
            .containsEntry("team", "payments")
            .containsEntry("telemetryflow.collector.id", "col-1")
            .containsEntry("telemetry.sdk.language", "java");
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }
}
