package io.telemetryflow.cdi;

import io.telemetryflow.sdk.internal.ClientInternals;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.QueryBus;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedLog;
import io.telemetryflow.devbackend.ReceivedMetric;
import io.telemetryflow.devbackend.ReceivedSpan;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Injected beans export through one SDK (same resource and headers); shutdown delivers everything. */
class CdiInjectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void injectedClientTracerMeterAndLoggerShareResourceAndHeaders() {
        try (OtlpReceiver receiver = OtlpReceiver.start();
             CdiTestSupport cdi = CdiTestSupport.start(receiver, Map.of())) {
            TelemetryClient client = cdi.get(TelemetryClient.class);
            assertThat(client.isInitialized()).isTrue();
            assertThat(cdi.get(OpenTelemetry.class)).isSameAs(client.openTelemetry());
            assertThat(cdi.get(OpenTelemetry.class, TelemetryFlow.Literal.INSTANCE)).isSameAs(client.openTelemetry());
            assertThat(cdi.get(QueryBus.class)).isSameAs(ClientInternals.runtime(client).queryBus());

            cdi.get(Tracer.class).spanBuilder("from-injected-tracer").startSpan().end();
            cdi.get(Meter.class).counterBuilder("from.injected.meter").build().add(2);
            cdi.get(Logger.class).logRecordBuilder().setBody("from injected logger").emit();
            client.incrementCounter("from.client");
            client.flush();

            ReceivedSpan span = receiver.awaitSpan("from-injected-tracer", WAIT);
            ReceivedMetric meter = receiver.awaitMetric("from.injected.meter", WAIT);
            ReceivedMetric counter = receiver.awaitMetric("from.client", WAIT);
            ReceivedLog log = receiver.awaitLog("from injected logger", WAIT);
            assertThat(meter.sumValue()).isEqualTo(2.0);
            // the JVM's runtime metrics, on Weld SE as everywhere, with the first export
            assertThat(receiver.awaitMetric("jvm.memory.used", WAIT).resourceAttributes())
                .containsEntry("service.name", "cdi-test-service");
            receiver.awaitMetric("jvm.thread.count", WAIT);
            for (Map<String, Object> resource : java.util.List.of(span.resourceAttributes(),
                meter.resourceAttributes(), counter.resourceAttributes(), log.resourceAttributes())) {
                assertThat(resource).containsEntry("service.name", "cdi-test-service")
                    .containsEntry("service.version", "3.0.0");
            }
            for (Map<String, String> headers : java.util.List.of(span.export().headers(), meter.export().headers(),
                log.export().headers())) {
                assertThat(headers).containsEntry("x-telemetryflow-key-id", "tfk_cdi_test")
                    .containsEntry("x-telemetryflow-api-version", "v2");
            }
        }
    }

    @Test
    void containerShutdownDeliversEverythingRecordedWithoutAnExplicitFlush() {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            CdiTestSupport cdi = CdiTestSupport.start(receiver, Map.of("telemetryflow.batch.timeout", "60s"));
            TelemetryClient client = cdi.get(TelemetryClient.class);
            client.incrementCounter("before.shutdown.counter", 7);
            client.logWarn("before shutdown log");
            client.endSpan(client.startSpan("before-shutdown-span"));
            cdi.close(); // no flush: the extension's BeforeShutdown observer must deliver it

            assertThat(receiver.metrics()).anyMatch(m -> m.name().equals("before.shutdown.counter")
                && m.sumValue() == 7.0);
            assertThat(receiver.logs()).anyMatch(l -> l.body().equals("before shutdown log"));
            assertThat(receiver.spans()).anyMatch(s -> s.name().equals("before-shutdown-span"));
            assertThat(client.isInitialized()).isFalse();
        }
    }
}
