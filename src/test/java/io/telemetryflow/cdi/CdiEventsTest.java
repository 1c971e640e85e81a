package io.telemetryflow.cdi;

import io.telemetryflow.sdk.internal.ClientInternals;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Status;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.TelemetrySpan;
import io.telemetryflow.sdk.application.AddSpanEventCommand;
import io.telemetryflow.sdk.application.EmitLogCommand;
import io.telemetryflow.sdk.application.EndSpanCommand;
import io.telemetryflow.sdk.application.FlushTelemetryCommand;
import io.telemetryflow.sdk.application.RecordCounterCommand;
import io.telemetryflow.sdk.application.RecordGaugeCommand;
import io.telemetryflow.sdk.application.RecordHistogramCommand;
import io.telemetryflow.sdk.application.RecordMetricCommand;
import io.telemetryflow.sdk.application.StartSpanCommand;
import io.telemetryflow.sdk.domain.Severity;
import io.telemetryflow.sdk.domain.SpanKind;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedLog;
import io.telemetryflow.devbackend.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code Event.fire} / {@code fireAsync} of every command type, observed by the portable extension on Weld SE. */
class CdiEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private OtlpReceiver receiver;
    private CdiTestSupport cdi;

    @BeforeEach
    void start() {
        receiver = OtlpReceiver.start();
        cdi = CdiTestSupport.start(receiver, Map.of());
    }

    @AfterEach
    void stop() {
        cdi.close();
        receiver.close();
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void everyCommandTypeIsRecordedThroughEvents(boolean async) throws Exception {
        CommandPublisher events = cdi.get(CommandPublisher.class);
        TelemetryClient client = cdi.get(TelemetryClient.class);
        String suffix = async ? "async" : "sync";

        send(events, async, RecordCounterCommand.of("events.counter." + suffix, 3, Map.of("k", "v")));
        send(events, async, RecordGaugeCommand.of("events.gauge." + suffix, 42.5));
        send(events, async, RecordHistogramCommand.of("events.histogram." + suffix, 0.25, "s"));
        send(events, async, RecordMetricCommand.of("events.metric." + suffix, 7.0, "By"));
        send(events, async, new EmitLogCommand(Severity.WARN, "event log " + suffix, Map.of("source", "event")));
        send(events, async, new StartSpanCommand("event-span-" + suffix, SpanKind.PRODUCER, Map.of("a", 1L)));
        List<String> open = ClientInternals.runtime(client).spanRegistry().ids();
        assertThat(open).hasSize(1);
        String spanId = open.get(0);
        send(events, async, new AddSpanEventCommand(spanId, "checkpoint", Map.of("step", 2L)));
        send(events, async, new EndSpanCommand(spanId, new IllegalStateException("boom")));
        send(events, async, FlushTelemetryCommand.of());

        assertThat(receiver.awaitMetric("events.counter." + suffix, WAIT).sumValue(Map.of("k", "v"))).isEqualTo(3.0);
        assertThat(receiver.awaitMetric("events.gauge." + suffix, WAIT).gaugeValue()).isEqualTo(42.5);
        assertThat(receiver.awaitMetric("events.histogram." + suffix, WAIT).histogramSum()).isEqualTo(0.25);
        assertThat(receiver.awaitMetric("events.metric." + suffix, WAIT).unit()).isEqualTo("By");
        ReceivedLog log = receiver.awaitLog("event log " + suffix, WAIT);
        assertThat(log.severityText()).isEqualTo("WARN");
        assertThat(log.attributes()).containsEntry("source", "event");
        ReceivedSpan span = receiver.awaitSpan("event-span-" + suffix, WAIT);
        assertThat(span.spanId()).isEqualTo(spanId);
        assertThat(span.kind().name()).isEqualTo("SPAN_KIND_PRODUCER");
        assertThat(span.eventNames()).contains("checkpoint", "exception");
        assertThat(span.status().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(span.resourceAttributes()).containsEntry("service.name", "cdi-test-service");
    }

    @Test
    void asyncEventsKeepTheTraceContextOfTheFiringThread() throws Exception {
        CommandPublisher events = cdi.get(CommandPublisher.class);
        TelemetryClient client = cdi.get(TelemetryClient.class);
        String traceId;
        String parentSpanId;
        try (TelemetrySpan parent = client.span("request")) {
            traceId = parent.traceId();
            parentSpanId = parent.spanId();
            events.fireAsync(new EmitLogCommand(Severity.INFO, "logged asynchronously", Map.of()))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
            events.fireAsync(new StartSpanCommand("async-child", SpanKind.INTERNAL, Map.of()))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        String childId = ClientInternals.runtime(client).spanRegistry().ids().get(0);
        events.fire(EndSpanCommand.of(childId));
        client.flush();

        ReceivedLog log = receiver.awaitLog("logged asynchronously", WAIT);
        assertThat(log.traceId()).isEqualTo(traceId);
        assertThat(log.spanId()).isEqualTo(parentSpanId);
        ReceivedSpan child = receiver.awaitSpan("async-child", WAIT);
        assertThat(child.traceId()).isEqualTo(traceId);
        assertThat(child.parentSpanId()).isEqualTo(parentSpanId);
    }

    @Test
    void eachFiredEventIsRecordedExactlyOnce() {
        CommandPublisher events = cdi.get(CommandPublisher.class);
        for (int i = 0; i < 5; i++) {
            events.fire(RecordCounterCommand.of("events.once", 1));
        }
        cdi.get(TelemetryClient.class).flush();
        assertThat(receiver.awaitMetric("events.once", WAIT).sumValue()).isEqualTo(5.0);
    }

    @Test
    void aFailingHandlerNeverReachesTheFiringCode() {
        CommandPublisher events = cdi.get(CommandPublisher.class);
        // an invalid instrument name fails inside the handler, not in the command's constructor
        events.fire(RecordCounterCommand.of("1-not-a-valid-instrument-name", 1));
        events.fire(RecordCounterCommand.of("events.after.failure", 1));
        cdi.get(TelemetryClient.class).flush();
        assertThat(receiver.awaitMetric("events.after.failure", WAIT).sumValue()).isEqualTo(1.0);
    }

    private static void send(CommandPublisher events, boolean async, Object command) throws Exception {
        if (async) {
            events.fireAsync(command).toCompletableFuture().get(5, TimeUnit.SECONDS);
        } else {
            events.fire(command);
        }
    }
}
