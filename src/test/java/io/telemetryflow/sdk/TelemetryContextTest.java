package io.telemetryflow.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedLog;
import io.telemetryflow.devbackend.ReceivedSpan;
import io.telemetryflow.sdk.domain.Protocol;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Work handed to another thread: unwrapped it starts a new trace (the context is thread-local);
 * wrapped by {@link TelemetryContext} its spans are children of the caller's span and its logs carry
 * the caller's trace — asserted at the OTLP receiver.
 */
class TelemetryContextTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void wrappedTasksRunInTheCallersTraceUnwrappedOnesDoNot() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (OtlpReceiver receiver = OtlpReceiver.start();
             TelemetryClient client = TelemetryClient.builder().apiKey("tfk_ctx", "tfs_ctx_secret")
                 .service("ctx-test", "1.0").endpoint(receiver.grpcEndpoint()).protocol(Protocol.GRPC).insecure(true)
                 .batch(Duration.ofMillis(50), 64).build().initialize()) {
            String traceId;
            String parentId;
            try (TelemetrySpan parent = client.span("caller")) {
                traceId = parent.traceId();
                parentId = parent.spanId();
                CompletableFuture.supplyAsync(TelemetryContext.wrapSupplier(() -> work(client, "supplier")), pool).get(10, TimeUnit.SECONDS);
                pool.submit(TelemetryContext.wrap(() -> work(client, "callable"))).get(10, TimeUnit.SECONDS);
                pool.submit(TelemetryContext.wrap((Runnable) () -> work(client, "runnable"))).get(10, TimeUnit.SECONDS);
                CompletableFuture.runAsync(() -> work(client, "executor"), TelemetryContext.taskWrapping(pool)).get(10, TimeUnit.SECONDS);
                CompletableFuture.supplyAsync(() -> work(client, "unwrapped"), pool).get(10, TimeUnit.SECONDS);
            }
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            for (String way : new String[] {"supplier", "callable", "runnable", "executor"}) {
                ReceivedSpan span = receiver.awaitSpan("work." + way, WAIT);
                assertThat(span.traceId()).as(way).isEqualTo(traceId);
                assertThat(span.parentSpanId()).as(way).isEqualTo(parentId);
                ReceivedLog log = receiver.awaitLog("log " + way, WAIT);
                assertThat(log.traceId()).as(way).isEqualTo(traceId);
            }
            ReceivedSpan unwrapped = receiver.awaitSpan("work.unwrapped", WAIT);
            assertThat(unwrapped.traceId()).as("a task without the wrapper starts a new trace").isNotEqualTo(traceId);
            assertThat(unwrapped.parentSpanId()).isEmpty();
            assertThat(TelemetryContext.wrap((Runnable) null)).isNull();
            assertThat(TelemetryContext.taskWrapping(null)).isNull();
            assertThat(TelemetryContext.wrapSupplier(null)).isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    private static String work(TelemetryClient client, String way) {
        try (TelemetrySpan span = client.span("work." + way)) {
            client.logInfo("log " + way, Map.of("way", way));
            return span.spanId();
        }
    }
}
