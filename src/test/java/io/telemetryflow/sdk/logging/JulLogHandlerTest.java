package io.telemetryflow.sdk.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.TelemetrySpan;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedLog;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** java.util.logging → OTLP logs, correlated with the current span; the SDK's own loggers are not exported. */
class JulLogHandlerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Logger APP = Logger.getLogger("com.example.orders.PaymentService");

    private static TelemetryClient client(OtlpReceiver receiver, boolean jul) {
        return TelemetryClient.builder().apiKey("tfk_jul", "tfs_jul_secret_value")
            .endpoint(receiver.grpcEndpoint()).insecure(true).service("jul-test", "1.0")
            .batch(Duration.ofMillis(200), 512).julLogs(jul).build().initialize();
    }

    @Test
    void applicationRecordsBecomeOtlpLogsWithSeverityExceptionAndTraceIds() {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = client(receiver, true);
            String traceId;
            String spanId;
            try (TelemetrySpan span = client.span("charge")) {
                traceId = span.traceId();
                spanId = span.spanId();
                APP.log(Level.SEVERE, "payment failed for order {0}", new Object[] {"A-17"});
                APP.log(Level.WARNING, "gateway slow", new IOException("read timed out"));
            }
            APP.info("outside any span");
            Logger.getLogger("io.telemetryflow.sdk.internal.ExportHealth").warning("own sdk warning");
            Logger.getLogger("io.opentelemetry.exporter.internal.grpc.GrpcExporter").severe("otel exporter warning");
            Logger.getLogger("io.telemetryflow.cdi").warning("own cdi warning");
            // an application in an io.telemetryflow.* package (e.g. the examples) is not the SDK
            Logger.getLogger("io.telemetryflow.examples.shop.OrderService").info("application under io.telemetryflow");
            Logger.getLogger("io.telemetryflow.sdkfan.App").info("application with an SDK-like prefix");
            client.flush();

            ReceivedLog severe = receiver.awaitLog("payment failed for order A-17", WAIT);
            assertThat(severe.severityNumber()).isEqualTo(17);
            assertThat(severe.severityText()).isEqualTo("SEVERE");
            assertThat(severe.traceId()).isEqualTo(traceId);
            assertThat(severe.spanId()).isEqualTo(spanId);
            assertThat(severe.attributes()).containsEntry("log.logger.name", "com.example.orders.PaymentService");

            ReceivedLog warning = receiver.awaitLog("gateway slow", WAIT);
            assertThat(warning.severityNumber()).isEqualTo(13);
            assertThat(warning.attributes())
                .containsEntry("exception.type", "java.io.IOException")
                .containsEntry("exception.message", "read timed out");
            assertThat((String) warning.attributes().get("exception.stacktrace"))
                .contains("java.io.IOException: read timed out").contains("JulLogHandlerTest");

            ReceivedLog outside = receiver.awaitLog("outside any span", WAIT);
            assertThat(outside.traceId()).isEmpty();
            receiver.awaitLog("application under io.telemetryflow", WAIT);
            receiver.awaitLog("application with an SDK-like prefix", WAIT);
            assertThat(receiver.logs()).noneMatch(l -> l.body().contains("own sdk warning")
                || l.body().contains("otel exporter warning") || l.body().contains("own cdi warning"));
            client.shutdown();
            // after shutdown the handler is removed from the root logger
            assertThat(Logger.getLogger("").getHandlers())
                .noneMatch(h -> h.getClass().getSimpleName().equals("OtlpLogHandler"));
        }
    }

    @Test
    void onlyThisApplicationsThreadsAreExportedNotTheServersOrAnotherDeployments() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = client(receiver, true);
            try {
                ClassLoader app = Thread.currentThread().getContextClassLoader();
                logOn(new java.net.URLClassLoader(new java.net.URL[0], null), "from another deployment");
                logOn(null, "from a thread without a context class loader");
                logOn(new java.net.URLClassLoader(new java.net.URL[0], app), "from a child of this application");
                APP.info("from this application");
                client.flush();
                receiver.awaitLog("from this application", WAIT);
                receiver.awaitLog("from a child of this application", WAIT);
                assertThat(receiver.logs()).extracting(l -> l.body())
                    .doesNotContain("from another deployment", "from a thread without a context class loader");
            } finally {
                client.shutdown();
            }
        }
    }

    private static void logOn(ClassLoader contextLoader, String message) throws InterruptedException {
        Thread t = new Thread(() -> APP.info(message), "other-tenant");
        t.setContextClassLoader(contextLoader);
        t.start();
        t.join(10_000);
    }

    @Test
    void julExportIsOptIn() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = client(receiver, false);
            try {
                APP.warning("not exported without opt-in");
                client.logInfo("marker");
                client.flush();
                receiver.awaitLog("marker", WAIT);
                assertThat(receiver.logs()).noneMatch(l -> l.body().equals("not exported without opt-in"));
            } finally {
                client.shutdown();
            }
        }
    }
}
