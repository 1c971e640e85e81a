package io.telemetryflow.bench;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * The {@code @Traced} floor: a span of the raw SDK ({@link RawSdk}, the same pipeline settings as ours)
 * with the same name, kind and attribute, current during the call, ended after it; a throw marks it failed.
 */
@HandWritten.Span
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 30)
public class HandSpanInterceptor {

    /** Set by {@link CdiState} before the container starts. */
    static Tracer tracer;
    static final Attributes ATTRIBUTES = Attributes.of(Bench.CODE_FUNCTION, BenchService.class.getName() + ".handSpan");

    @AroundInvoke
    public Object trace(InvocationContext ctx) throws Exception {
        Span span = tracer.spanBuilder("BenchService.handSpan").setSpanKind(SpanKind.INTERNAL)
            .setAllAttributes(ATTRIBUTES).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return ctx.proceed();
        } catch (Exception | Error e) {
            span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
