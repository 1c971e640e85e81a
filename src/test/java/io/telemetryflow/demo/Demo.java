package io.telemetryflow.demo;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.TelemetrySpan;
import io.telemetryflow.sdk.application.AggregateMetricsQuery;
import io.telemetryflow.sdk.application.AggregationResult;
import io.telemetryflow.sdk.application.GetLogsQuery;
import io.telemetryflow.sdk.application.LogEntry;
import io.telemetryflow.sdk.application.SearchTracesQuery;
import io.telemetryflow.sdk.application.SpanDetail;
import io.telemetryflow.sdk.application.TraceDetail;
import io.telemetryflow.sdk.application.TraceSummary;
import io.telemetryflow.sdk.domain.Severity;
import io.telemetryflow.sdk.domain.SpanKind;
import io.telemetryflow.devbackend.DevQueryBackend;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedExport;
import io.telemetryflow.devbackend.ReceivedLog;
import io.telemetryflow.devbackend.ReceivedMetric;
import io.telemetryflow.devbackend.ReceivedSpan;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The README's first command: sends real telemetry over OTLP/gRPC to a local OTLP receiver
 * (built on the official opentelemetry-proto definitions), prints what the receiver decoded,
 * then reads it back through the TelemetryFlow query API served by the local development backend.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        String keyId = "tfk_demo_key";
        String secret = "tfs_demo_" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        try (OtlpReceiver receiver = OtlpReceiver.start();
             DevQueryBackend backend = DevQueryBackend.start(receiver)) {
            System.out.println("Local OTLP receiver: gRPC " + receiver.grpcEndpoint() + ", HTTP " + receiver.httpEndpoint());
            System.out.println("TelemetryFlow Core stand-in (query API, JWT login as " + backend.email() + "): " + backend.url());

            TelemetryClient client = TelemetryClient.builder()
                .apiKey(keyId, secret)
                .endpoint(receiver.grpcEndpoint()).insecure(true)
                .service("checkout-demo", "1.2.0").environment("demo")
                .attribute("team", "payments")
                .queryEndpoint(URI.create(backend.url()))
                .queryLogin(backend.email(), backend.password())
                .build().initialize();
            try {
                record(client);
                client.flush();
                waitForArrival(receiver);
                printReceived(receiver);
                queryBack(client);
            } finally {
                client.shutdown();
            }
        }
    }

    private static void record(TelemetryClient client) {
        for (String region : List.of("eu", "eu", "us")) {
            client.incrementCounter("orders.created", 1, Map.of("region", region));
        }
        client.recordGauge("queue.depth", 17, Map.of("queue", "payments"));
        client.recordHistogram("http.server.duration", 0.120, "s", Map.of("route", "/checkout"));
        client.recordHistogram("http.server.duration", 0.480, "s", Map.of("route", "/checkout"));
        try (TelemetrySpan request = client.span("POST /checkout", SpanKind.SERVER)) {
            request.setAttribute("order.id", "A-1001");
            client.logInfo("checkout started", Map.of("order.id", "A-1001"));
            String payment = client.startSpan("charge-card", SpanKind.CLIENT, Map.of("provider", "acme"));
            client.addSpanEvent(payment, "retrying", Map.of("attempt", 2));
            client.endSpan(payment, new IllegalStateException("card declined"));
            client.log(Severity.ERROR, "payment failed: card declined", Map.of("order.id", "A-1001"));
        }
    }

    private static void waitForArrival(OtlpReceiver receiver) {
        Duration wait = Duration.ofSeconds(15);
        receiver.awaitSpan("POST /checkout", wait);
        receiver.awaitLog("payment failed: card declined", wait);
        receiver.awaitMetric("orders.created", wait);
        receiver.awaitMetric("http.server.duration", wait);
    }

    private static void printReceived(OtlpReceiver receiver) {
        System.out.println();
        System.out.println("=== What the OTLP receiver decoded ===");
        ReceivedExport first = receiver.exports().get(0);
        System.out.println("transport " + first.transport() + ", path " + first.path() + ", gzip " + first.gzip());
        System.out.println("headers: x-telemetryflow-key-id=" + first.header("x-telemetryflow-key-id")
            + ", x-telemetryflow-environment=" + first.header("x-telemetryflow-environment")
            + ", x-telemetryflow-api-version=" + first.header("x-telemetryflow-api-version")
            + ", authorization=Bearer " + keyIdOf(first.header("authorization")) + ":****");
        ReceivedSpan any = receiver.spans().get(0);
        System.out.println("resource: " + any.resourceAttributes());
        System.out.println("spans:");
        for (ReceivedSpan s : receiver.spans()) {
            System.out.printf("  %-16s kind=%-16s trace=%s span=%s parent=%-16s status=%s events=%s%n",
                s.name(), s.kind(), s.traceId(), s.spanId(), s.parentSpanId().isEmpty() ? "-" : s.parentSpanId(),
                s.status().getCode(), s.eventNames());
        }
        System.out.println("metrics (latest export of each):");
        for (String name : List.of("orders.created", "queue.depth", "http.server.duration")) {
            ReceivedMetric m = receiver.awaitMetric(name, Duration.ofSeconds(5));
            System.out.printf("  %-22s type=%-9s unit=%-3s points=%s%n", name, m.type(), m.unit(),
                describePoints(m));
        }
        System.out.println("logs:");
        for (ReceivedLog l : receiver.logs()) {
            System.out.printf("  %-5s %-32s trace=%s span=%s attrs=%s%n", l.severityText(), l.body(), l.traceId(),
                l.spanId(), l.attributes());
        }
    }

    private static String describePoints(ReceivedMetric m) {
        switch (m.type()) {
            case SUM:
                return m.dataPointAttributes().stream().map(a -> a + "=" + (long) m.sumValue(a)).toList().toString();
            case GAUGE:
                return m.dataPointAttributes().stream().map(a -> a + "=" + m.gaugeValue(a)).toList().toString();
            case HISTOGRAM:
                return m.dataPointAttributes().stream()
                    .map(a -> a + " count=" + m.histogramCount(a) + " sum=" + m.histogramSum(a)).toList().toString();
            default:
                return "?";
        }
    }

    private static void queryBack(TelemetryClient client) {
        System.out.println();
        System.out.println("=== Read back through the TelemetryFlow query API ===");
        AggregationResult orders = client.aggregateMetrics(AggregateMetricsQuery.builder("orders.created",
            AggregateMetricsQuery.Aggregation.SUM).last(Duration.ofMinutes(5)).groupBy("region").build());
        System.out.println("sum(orders.created) = " + orders.value() + " by region " + orders.groups());
        List<LogEntry> errors = client.getAllLogs(GetLogsQuery.builder().last(Duration.ofMinutes(5))
            .severities(Severity.ERROR).build());
        for (LogEntry e : errors) {
            System.out.println("ERROR log: " + e.message() + " trace=" + e.traceId().orElse("-"));
        }
        List<TraceSummary> failed = client.searchAllTraces(SearchTracesQuery.builder().last(Duration.ofMinutes(5))
            .service("checkout-demo").hasError(true).build());
        for (TraceSummary t : failed) {
            System.out.println("trace " + t.traceId() + " root=" + t.rootSpan() + " spans=" + t.spanCount()
                + " errors=" + t.errorCount() + " duration=" + t.duration().toMillis() + "ms");
            TraceDetail detail = client.getTrace(t.traceId()).orElseThrow();
            for (SpanDetail s : detail.spans()) {
                System.out.println("   " + (s.parentId().isPresent() ? "└─ " : "") + s.name() + " [" + s.kind()
                    + ", " + s.status().code() + "]");
            }
        }
        System.out.println("health: " + client.health().status().label() + " " + client.health().signals());
    }

    private static String keyIdOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "?";
        }
        String token = authorization.substring("Bearer ".length());
        int colon = token.indexOf(':');
        return colon < 0 ? "?" : token.substring(0, colon);
    }
}
