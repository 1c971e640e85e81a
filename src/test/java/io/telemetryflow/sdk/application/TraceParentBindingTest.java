package io.telemetryflow.sdk.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * {@link TraceParent#current()} is bound to OpenTelemetry through the declared service, not through a
 * hook that a runtime must install first: it works with no client ever created, in any order.
 */
class TraceParentBindingTest {

    @Test
    void theLibraryDeclaresExactlyOneReader() {
        assertThat(ServiceLoader.load(TraceParent.Reader.class).stream().map(p -> p.type().getName()))
            .containsExactly("io.telemetryflow.sdk.internal.OpenTelemetryTraceParentReader");
    }

    @Test
    void readsTheCurrentOpenTelemetryContextWithoutAnyRuntime() {
        assertThat(TraceParent.current()).isNull();
        SpanContext sc = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
            TraceFlags.getSampled(), TraceState.getDefault());
        try (Scope ignored = Span.wrap(sc).makeCurrent()) {
            assertThat(TraceParent.current()).isEqualTo(new TraceParent(sc.getTraceId(), sc.getSpanId(), true));
        }
        assertThat(TraceParent.current()).isNull();
    }
}
