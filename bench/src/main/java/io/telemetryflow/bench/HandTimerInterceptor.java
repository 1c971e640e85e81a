package io.telemetryflow.bench;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * The {@code @Timed} floor: the call's duration in seconds into a raw SDK histogram with the library's
 * second boundaries and a pre-built {@code code.function.name}, thrown or not.
 */
@HandWritten.Timer
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 30)
public class HandTimerInterceptor {

    /** Set by {@link CdiState} before the container starts. */
    static DoubleHistogram histogram;
    static final Attributes ATTRIBUTES = Attributes.of(Bench.CODE_FUNCTION, BenchService.class.getName() + ".handTimer");

    @AroundInvoke
    public Object time(InvocationContext ctx) throws Exception {
        long start = System.nanoTime();
        try {
            return ctx.proceed();
        } finally {
            histogram.record((System.nanoTime() - start) / 1e9, ATTRIBUTES);
        }
    }
}
