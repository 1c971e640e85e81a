package io.telemetryflow.cdi.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.telemetryflow.cdi.Timed;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.internal.ClientInternals;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Implements {@link Timed}: the call's duration in seconds, thrown or not; async results to completion. */
@Timed
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 20)
public class TimedInterceptor {

    private static final ConcurrentMap<Method, TimedMethod> METHODS = new ConcurrentHashMap<>();
    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    @Inject
    TelemetryClient client;

    /** Times the call. */
    @AroundInvoke
    public Object time(InvocationContext ctx) throws Exception {
        TimedMethod timed = lookup(ctx);
        if (timed == null) {
            return ctx.proceed();
        }
        long start = System.nanoTime();
        Object result;
        try {
            result = ctx.proceed();
        } catch (Exception | Error e) {
            timed.record(start, timed.failure(e));
            throw e;
        }
        if (result instanceof CompletionStage) {
            ((CompletionStage<?>) result).whenComplete((v, err) ->
                timed.record(start, err == null ? timed.success : timed.failure(AsyncResults.unwrap(err))));
        } else {
            timed.record(start, timed.success);
        }
        return result;
    }

    private TimedMethod lookup(InvocationContext ctx) {
        TelemetryRuntime rt = ClientInternals.runtime(client);
        if (rt == null) {
            return null;
        }
        Method method = ctx.getMethod();
        TimedMethod timed = METHODS.get(method);
        if (timed != null && timed.runtime == rt) {
            return timed;
        }
        try {
            Timed binding = Bindings.find(method, ctx.getTarget() == null ? null : ctx.getTarget().getClass(),
                Timed.class);
            timed = new TimedMethod(rt, method, binding);
            METHODS.put(method, timed);
            return timed;
        } catch (RuntimeException e) {
            LogOnce.warn("timed:" + method, "@Timed on " + Bindings.functionName(method), e);
            return null;
        }
    }

    /** A timed method: its histogram and attribute sets. */
    static final class TimedMethod extends MeteredMethod {
        private final DoubleHistogram histogram;

        TimedMethod(TelemetryRuntime rt, Method method, Timed binding) {
            super(rt, method);
            String name = binding == null || binding.value().isEmpty() ? "method.duration" : binding.value();
            this.histogram = rt.instruments().histogram(name, "s", binding == null ? "" : binding.description());
            if (histogram == null) {
                throw new IllegalStateException("instrument limit reached, histogram '" + name + "' not created");
            }
        }

        void record(long startNanos, Attributes attributes) {
            try {
                histogram.record((System.nanoTime() - startNanos) / NANOS_PER_SECOND, attributes);
            } catch (RuntimeException e) {
                LogOnce.warn("timed-record:" + functionName, "@Timed recording for " + functionName, e);
            }
        }
    }
}
