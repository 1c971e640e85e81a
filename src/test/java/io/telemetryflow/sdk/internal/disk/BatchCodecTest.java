package io.telemetryflow.sdk.internal.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spans and log records made by the real SDK, written and read back by the disk buffer's codecs: every field
 * the OTLP exporter sends comes back equal (ids, parent, trace state and flags, kind, status, times, typed
 * attributes, events, links, counts, scope, resource; severity, body, event name).
 */
class BatchCodecTest {

    private static final Resource RESOURCE = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "codec",
        AttributeKey.longKey("pid"), 42L), "https://opentelemetry.io/schemas/1.24.0");
    private static final Attributes ALL_TYPES = Attributes.builder().put("s", "text \"quoted\" \u00e9").put("b", true)
        .put("l", Long.MIN_VALUE).put("d", 0.1).put(AttributeKey.stringArrayKey("sa"), List.of("x", "y"))
        .put(AttributeKey.booleanArrayKey("ba"), List.of(true, false)).put(AttributeKey.longArrayKey("la"), List.of(1L, 2L))
        .put(AttributeKey.doubleArrayKey("da"), List.of(1.5, -2.25)).build();

    @Test
    void spansComeBackAsTheyWereWritten() throws Exception {
        List<SpanData> made = new ArrayList<>();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE)
            .addSpanProcessor(SimpleSpanProcessor.create(collecting(made))).build()) {
            var tracer = provider.tracerBuilder("scope.name").setInstrumentationVersion("9.9").setSchemaUrl("https://s").build();
            SpanContext remoteParent = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.builder().put("tf", "it").put("other", "1").build());
            var span = tracer.spanBuilder("op").setSpanKind(SpanKind.CLIENT).setParent(Context.root().with(
                io.opentelemetry.api.trace.Span.wrap(remoteParent))).setAllAttributes(ALL_TYPES)
                .addLink(SpanContext.create("11111111111111111111111111111111", "2222222222222222", TraceFlags.getDefault(),
                    TraceState.getDefault()), Attributes.of(AttributeKey.stringKey("link"), "l")).startSpan();
            span.addEvent("evt", Attributes.of(AttributeKey.longKey("n"), 3L));
            span.setStatus(StatusCode.ERROR, "went wrong");
            span.end();
            tracer.spanBuilder("root").setNoParent().startSpan().end();
        }
        SpanBatchCodec codec = new SpanBatchCodec();
        List<SpanData> back = codec.decode(codec.encode(made));
        assertThat(back).hasSize(2);
        for (int i = 0; i < made.size(); i++) {
            SpanData a = made.get(i);
            SpanData b = back.get(i);
            assertThat(b.getName()).isEqualTo(a.getName());
            assertThat(b.getKind()).isEqualTo(a.getKind());
            assertThat(b.getSpanContext()).isEqualTo(a.getSpanContext());
            assertThat(b.getParentSpanContext()).isEqualTo(a.getParentSpanContext());
            assertThat(b.getStatus()).isEqualTo(a.getStatus());
            assertThat(b.getStartEpochNanos()).isEqualTo(a.getStartEpochNanos());
            assertThat(b.getEndEpochNanos()).isEqualTo(a.getEndEpochNanos());
            // the SDK's own attribute map type is not equal() to an immutable one with the same entries
            assertThat(b.getAttributes().asMap()).isEqualTo(a.getAttributes().asMap());
            assertThat(b.getEvents()).hasSameSizeAs(a.getEvents());
            for (int e = 0; e < a.getEvents().size(); e++) {
                assertThat(b.getEvents().get(e).getName()).isEqualTo(a.getEvents().get(e).getName());
                assertThat(b.getEvents().get(e).getEpochNanos()).isEqualTo(a.getEvents().get(e).getEpochNanos());
                assertThat(b.getEvents().get(e).getAttributes().asMap()).isEqualTo(a.getEvents().get(e).getAttributes().asMap());
                assertThat(b.getEvents().get(e).getTotalAttributeCount()).isEqualTo(a.getEvents().get(e).getTotalAttributeCount());
            }
            assertThat(b.getLinks()).hasSameSizeAs(a.getLinks());
            for (int l = 0; l < a.getLinks().size(); l++) {
                assertThat(b.getLinks().get(l).getSpanContext()).isEqualTo(a.getLinks().get(l).getSpanContext());
                assertThat(b.getLinks().get(l).getAttributes().asMap()).isEqualTo(a.getLinks().get(l).getAttributes().asMap());
                assertThat(b.getLinks().get(l).getTotalAttributeCount()).isEqualTo(a.getLinks().get(l).getTotalAttributeCount());
            }
            assertThat(b.getTotalRecordedEvents()).isEqualTo(a.getTotalRecordedEvents());
            assertThat(b.getTotalRecordedLinks()).isEqualTo(a.getTotalRecordedLinks());
            assertThat(b.getTotalAttributeCount()).isEqualTo(a.getTotalAttributeCount());
            assertThat(b.getInstrumentationScopeInfo()).isEqualTo(a.getInstrumentationScopeInfo());
            assertThat(b.getResource()).isEqualTo(a.getResource());
            assertThat(b.hasEnded()).isTrue();
        }
        assertThat(back.get(0).getParentSpanContext().isRemote()).isTrue();
        assertThat(back.get(1).getParentSpanContext().isValid()).isFalse();
    }

    @Test
    void logRecordsComeBackAsTheyWereWritten() throws Exception {
        List<LogRecordData> made = new ArrayList<>();
        try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(RESOURCE)
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(collectingLogs(made))).build()) {
            var logger = provider.loggerBuilder("logs.scope").setInstrumentationVersion("1").build();
            logger.logRecordBuilder().setBody("hello").setSeverity(Severity.WARN).setSeverityText("WARNING")
                .setAllAttributes(ALL_TYPES).setTimestamp(123, java.util.concurrent.TimeUnit.NANOSECONDS)
                .setObservedTimestamp(456, java.util.concurrent.TimeUnit.NANOSECONDS).setEventName("evt.name").emit();
            logger.logRecordBuilder().setBody(Value.of(17L)).emit();
            logger.logRecordBuilder().emit();
        }
        LogBatchCodec codec = new LogBatchCodec();
        List<LogRecordData> back = codec.decode(codec.encode(made));
        assertThat(back).hasSize(3);
        for (int i = 0; i < made.size(); i++) {
            LogRecordData a = made.get(i);
            LogRecordData b = back.get(i);
            assertThat(b.getTimestampEpochNanos()).isEqualTo(a.getTimestampEpochNanos());
            assertThat(b.getObservedTimestampEpochNanos()).isEqualTo(a.getObservedTimestampEpochNanos());
            assertThat(b.getSeverity()).isEqualTo(a.getSeverity());
            assertThat(b.getSeverityText()).isEqualTo(a.getSeverityText());
            assertThat(b.getBodyValue()).isEqualTo(a.getBodyValue());
            assertThat(b.getAttributes().asMap()).isEqualTo(a.getAttributes().asMap());
            assertThat(b.getTotalAttributeCount()).isEqualTo(a.getTotalAttributeCount());
            assertThat(b.getSpanContext()).isEqualTo(a.getSpanContext());
            assertThat(b.getEventName()).isEqualTo(a.getEventName());
            assertThat(b.getInstrumentationScopeInfo()).isEqualTo(a.getInstrumentationScopeInfo());
            assertThat(b.getResource()).isEqualTo(a.getResource());
        }
    }

    @Test
    void aFileOfAnotherSignalOrFormatIsRefused() throws Exception {
        byte[] spans = new SpanBatchCodec().encode(List.of());
        assertThatThrownBy(() -> new LogBatchCodec().decode(spans)).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> new SpanBatchCodec().decode("{\"format\":2}".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(java.io.IOException.class);
    }

    private static SpanExporter collecting(List<SpanData> into) {
        return new SpanExporter() {
            @Override public CompletableResultCode export(Collection<SpanData> spans) { into.addAll(spans); return CompletableResultCode.ofSuccess(); }
            @Override public CompletableResultCode flush() { return CompletableResultCode.ofSuccess(); }
            @Override public CompletableResultCode shutdown() { return CompletableResultCode.ofSuccess(); }
        };
    }

    private static LogRecordExporter collectingLogs(List<LogRecordData> into) {
        return new LogRecordExporter() {
            @Override public CompletableResultCode export(Collection<LogRecordData> logs) { into.addAll(logs); return CompletableResultCode.ofSuccess(); }
            @Override public CompletableResultCode flush() { return CompletableResultCode.ofSuccess(); }
            @Override public CompletableResultCode shutdown() { return CompletableResultCode.ofSuccess(); }
        };
    }
}
