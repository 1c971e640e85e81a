package io.telemetryflow.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.telemetryflow.cdi.beans.ClassLevelService;
import io.telemetryflow.cdi.beans.MeteredService;
import io.telemetryflow.cdi.beans.TracedService;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.TelemetrySpan;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedLog;
import io.telemetryflow.devbackend.ReceivedMetric;
import io.telemetryflow.devbackend.ReceivedSpan;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Traced}, {@code @Counted}, {@code @Timed}, {@code @SpanAttribute} on Weld SE, asserted at the receiver. */
class InterceptorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PKG = "io.telemetryflow.cdi.beans.";

    private static OtlpReceiver receiver;
    private static CdiTestSupport cdi;
    private static TelemetryClient client;

    @BeforeAll
    static void start() {
        receiver = OtlpReceiver.start();
        cdi = CdiTestSupport.start(receiver, Map.of());
        client = cdi.get(TelemetryClient.class);
    }

    @AfterAll
    static void stop() {
        cdi.close();
        receiver.close();
    }

    @BeforeEach
    void clear() {
        receiver.clear();
    }

    @Test
    void tracedMethodGetsDefaultNameCodeAttributeAndSpanAttributes() {
        String result = cdi.get(TracedService.class).greet("ada", "eu", 7);
        assertThat(result).isEqualTo("hello ada");
        client.flush();
        ReceivedSpan span = receiver.awaitSpan("TracedService.greet", WAIT);
        assertThat(span.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
        assertThat(span.attributes())
            .containsEntry("code.function.name", PKG + "TracedService.greet")
            .containsEntry("user.name", "ada")
            .containsEntry("region", "eu")            // parameter name: compiled with -parameters
            .doesNotContainKey("ignored").doesNotContainKey("arg2");
        assertThat(span.status().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void explicitNameAndKind() {
        cdi.get(TracedService.class).custom();
        client.flush();
        assertThat(receiver.awaitSpan("custom-operation", WAIT).kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    }

    @Test
    void tracedCallIsChildOfTheCurrentSpanAndNestedTracedCallsNest() {
        String traceId;
        String rootId;
        try (TelemetrySpan root = client.span("request")) {
            traceId = root.traceId();
            rootId = root.spanId();
            cdi.get(TracedService.class).outer();
        }
        client.flush();
        ReceivedSpan outer = receiver.awaitSpan("TracedService.outer", WAIT);
        ReceivedSpan inner = receiver.awaitSpan("InnerService.inner", WAIT);
        ReceivedLog log = receiver.awaitLog("inside inner", WAIT);
        assertThat(outer.traceId()).isEqualTo(traceId);
        assertThat(outer.parentSpanId()).isEqualTo(rootId);
        assertThat(inner.parentSpanId()).isEqualTo(outer.spanId());
        assertThat(log.spanId()).isEqualTo(inner.spanId());
        assertThat(log.traceId()).isEqualTo(traceId);
    }

    @Test
    void exceptionSetsErrorStatusAddsEventAndIsRethrownUnchanged() {
        IllegalStateException boom = new IllegalStateException("out of stock");
        Throwable thrown = catchThrowable(() -> cdi.get(TracedService.class).fail(boom));
        assertThat(thrown).isSameAs(boom);
        client.flush();
        ReceivedSpan span = receiver.awaitSpan("TracedService.fail", WAIT);
        assertThat(span.status().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(span.status().getMessage()).isEqualTo("out of stock");
        assertThat(span.eventNames()).containsExactly("exception");
        assertThat(io.telemetryflow.devbackend.AnyValues.toMap(span.events().get(0).getAttributesList()))
            .containsEntry("exception.type", "java.lang.IllegalStateException")
            .containsEntry("exception.message", "out of stock");
    }

    @Test
    void completionStageEndsTheSpanOnCompletion() throws Exception {
        TracedService service = cdi.get(TracedService.class);
        CompletableFuture<String> ok = new CompletableFuture<>();
        CompletableFuture<String> returned = service.async(ok);
        assertThat(returned).isSameAs(ok);
        client.flush();
        assertThat(receiver.spans()).noneMatch(s -> s.name().equals("TracedService.async"));
        Thread.sleep(50);
        ok.complete("done");
        client.flush();
        ReceivedSpan span = receiver.awaitSpan("TracedService.async", WAIT);
        assertThat(span.durationNanos()).isGreaterThanOrEqualTo(50_000_000L);
        assertThat(span.status().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);

        receiver.clear();
        CompletableFuture<String> failing = new CompletableFuture<>();
        service.async(failing);
        failing.completeExceptionally(new java.util.concurrent.TimeoutException("downstream slow"));
        client.flush();
        ReceivedSpan failed = receiver.awaitSpan("TracedService.async", WAIT);
        assertThat(failed.status().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(failed.status().getMessage()).isEqualTo("downstream slow");
    }

    @Test
    void classLevelBindingCoversEveryMethodAndMethodLevelOverrides() {
        ClassLevelService service = cdi.get(ClassLevelService.class);
        assertThat(service.first()).isEqualTo(1);
        assertThat(service.second()).isEqualTo(2);
        client.flush();
        receiver.awaitSpan("ClassLevelService.first", WAIT);
        receiver.awaitSpan("overridden-name", WAIT);
        assertThat(receiver.spans()).noneMatch(s -> s.name().equals("ClassLevelService.second"));
        assertThat(receiver.awaitMetric("class.level.calls", WAIT)
            .sumValue(Map.of("code.function.name", PKG + "ClassLevelService.first"))).isEqualTo(1.0);
        assertThat(receiver.awaitMetric("method.level.calls", WAIT)
            .sumValue(Map.of("code.function.name", PKG + "ClassLevelService.second"))).isEqualTo(1.0);
        assertThat(receiver.awaitMetric("class.level.calls", WAIT).dataPointAttributes())
            .noneMatch(a -> String.valueOf(a.get("code.function.name")).endsWith("second"));
    }

    @Test
    void countedAndTimedRecordSuccessAndFailureWithErrorType() throws Exception {
        MeteredService service = cdi.get(MeteredService.class);
        service.place(false);
        service.place(false);
        Exception failure = new java.io.IOException("payment gateway down");
        Throwable thrown = catchThrowable(() -> service.place(true));
        assertThat(thrown).isInstanceOf(java.io.IOException.class).hasMessage("payment gateway down");
        service.defaultNames();
        service.timedDefault();
        client.flush();

        Map<String, Object> ok = Map.of("code.function.name", PKG + "MeteredService.place");
        Map<String, Object> err = Map.of("code.function.name", PKG + "MeteredService.place",
            "error.type", "java.io.IOException");
        ReceivedMetric placed = receiver.awaitMetric("orders.placed", WAIT);
        assertThat(placed.sumValue(ok)).isEqualTo(2.0);
        assertThat(placed.sumValue(err)).isEqualTo(1.0);
        assertThat(placed.unit()).isEqualTo("{order}");
        assertThat(placed.description()).isEqualTo("orders placed");
        ReceivedMetric duration = receiver.awaitMetric("orders.duration", WAIT);
        assertThat(duration.unit()).isEqualTo("s");
        assertThat(duration.histogramCount(ok)).isEqualTo(2);
        assertThat(duration.histogramCount(err)).isEqualTo(1);
        assertThat(duration.histogramSum(ok)).isBetween(0.04, 5.0);   // two calls of >= 20 ms, in seconds
        assertThat(receiver.awaitMetric("method.invocations", WAIT)
            .sumValue(Map.of("code.function.name", PKG + "MeteredService.defaultNames"))).isEqualTo(1.0);
        assertThat(receiver.awaitMetric("method.duration", WAIT)
            .histogramCount(Map.of("code.function.name", PKG + "MeteredService.timedDefault"))).isEqualTo(1);
        assertThat(failure).hasMessage("payment gateway down");
    }

    @Test
    void bindingsThatArriveThroughAStereotypeKeepTheirMembers() {
        assertThat(cdi.get(io.telemetryflow.cdi.beans.MonitoredService.class).work()).isEqualTo("done");
        client.flush();
        assertThat(receiver.awaitSpan("monitored.work", WAIT).attributes())
            .containsEntry("code.function.name", PKG + "MonitoredService.work");
        assertThat(receiver.awaitMetric("monitored.calls", WAIT)
            .sumValue(Map.of("code.function.name", PKG + "MonitoredService.work"))).isEqualTo(1.0);
    }

    @Test
    void timedHistogramsHaveSecondBucketsOrTheBindingsOwn() {
        MeteredService service = cdi.get(MeteredService.class);
        service.timedForBuckets();
        service.report();
        client.flush();

        assertThat(receiver.awaitMetric("method.duration", WAIT)
            .histogramPoint(Map.of("code.function.name", PKG + "MeteredService.timedForBuckets")).getExplicitBoundsList())
            .as("the semantic-convention boundaries for seconds")
            .containsExactlyElementsOf(io.telemetryflow.sdk.domain.HistogramBuckets.SECONDS);
        var report = receiver.awaitMetric("report.duration", WAIT)
            .histogramPoint(Map.of("code.function.name", PKG + "MeteredService.report"));
        assertThat(report.getExplicitBoundsList()).containsExactly(0.5, 1.0, 2.0);
        assertThat(report.getBucketCounts(0)).as("a no-op call is under 0.5 s").isEqualTo(1);
    }

    @Test
    void asyncResultsAreCountedAndTimedOnCompletion() throws Exception {
        MeteredService service = cdi.get(MeteredService.class);
        CompletableFuture<String> pending = new CompletableFuture<>();
        service.async(pending);
        client.flush();
        assertThat(receiver.metrics()).noneMatch(m -> m.name().equals("async.calls"));
        Thread.sleep(30);
        pending.completeExceptionally(new IllegalArgumentException("rejected"));
        client.flush();
        Map<String, Object> err = Map.of("code.function.name", PKG + "MeteredService.async",
            "error.type", "java.lang.IllegalArgumentException");
        assertThat(receiver.awaitMetric("async.calls", WAIT).sumValue(err)).isEqualTo(1.0);
        assertThat(receiver.awaitMetric("async.duration", WAIT).histogramSum(err)).isGreaterThanOrEqualTo(0.03);
    }

    @Test
    void failingTelemetryNeverChangesTheBusinessResult() {
        MeteredService service = cdi.get(MeteredService.class);
        for (int i = 0; i < 3; i++) {
            assertThat(service.brokenTelemetry()).isEqualTo("business result");
        }
    }

    @Test
    void methodMetadataLivesInTheRunningSdkNotInAStaticMap() throws Exception {
        cdi.get(TracedService.class).custom(); // traced only (counts of the metered beans stay untouched)
        var runtime = io.telemetryflow.sdk.internal.ClientInternals.runtime(client);
        java.lang.reflect.Method custom = TracedService.class.getMethod("custom");
        // in this runtime's cache, one slot per binding: a stopped runtime takes it along
        assertThat(runtime.methodMetadata()).containsKey(custom);
        Object[] slots = runtime.methodMetadata().get(custom);
        assertThat(slots[0]).as("@Traced slot").isNotNull();
        assertThat(slots[1]).as("@Counted slot").isNull();
        for (Class<?> interceptor : new Class<?>[] {io.telemetryflow.cdi.internal.CountedInterceptor.class,
            io.telemetryflow.cdi.internal.TimedInterceptor.class, io.telemetryflow.cdi.internal.TracedInterceptor.class}) {
            assertThat(java.util.Arrays.stream(interceptor.getDeclaredFields())
                .filter(f -> java.lang.reflect.Modifier.isStatic(f.getModifiers()))
                .filter(f -> java.util.Map.class.isAssignableFrom(f.getType()))).as("static maps of %s", interceptor)
                .isEmpty();
        }
    }
}
