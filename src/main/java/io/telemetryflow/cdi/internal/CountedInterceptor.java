package io.telemetryflow.cdi.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.telemetryflow.cdi.Counted;
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

/** Implements {@link Counted}: +1 per call, thrown or not, with {@code error.type} on a throw. */
@Counted
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 30)
public class CountedInterceptor {

    private static final ConcurrentMap<Method, CountedMethod> METHODS = new ConcurrentHashMap<>();

    @Inject
    TelemetryClient client;

    /** Counts the call. */
    @AroundInvoke
    public Object count(InvocationContext ctx) throws Exception {
        CountedMethod counted = lookup(ctx);
        if (counted == null) {
            return ctx.proceed();
        }
        Object result;
        try {
            result = ctx.proceed();
        } catch (Exception | Error e) {
            counted.record(counted.failure(e));
            throw e;
        }
        if (result instanceof CompletionStage) {
            ((CompletionStage<?>) result).whenComplete((v, err) ->
                counted.record(err == null ? counted.success : counted.failure(AsyncResults.unwrap(err))));
        } else {
            counted.record(counted.success);
        }
        return result;
    }

    private CountedMethod lookup(InvocationContext ctx) {
        TelemetryRuntime rt = ClientInternals.runtime(client);
        if (rt == null) {
            return null;
        }
        Method method = ctx.getMethod();
        CountedMethod counted = METHODS.get(method);
        if (counted != null && counted.runtime == rt) {
            return counted;
        }
        try {
            Counted binding = Bindings.find(method, ctx.getTarget() == null ? null : ctx.getTarget().getClass(),
                Counted.class);
            counted = new CountedMethod(rt, method, binding);
            METHODS.put(method, counted);
            return counted;
        } catch (RuntimeException e) {
            LogOnce.warn("counted:" + method, "@Counted on " + Bindings.functionName(method), e);
            return null;
        }
    }

    /** A counted method: its counter and attribute sets. */
    static final class CountedMethod extends MeteredMethod {
        private final LongCounter counter;

        CountedMethod(TelemetryRuntime rt, Method method, Counted binding) {
            super(rt, method);
            String name = binding == null || binding.value().isEmpty() ? "method.invocations" : binding.value();
            this.counter = rt.instruments().counter(name,
                binding == null ? "" : binding.description(), binding == null ? "" : binding.unit());
            if (counter == null) {
                throw new IllegalStateException("instrument limit reached, counter '" + name + "' not created");
            }
        }

        void record(Attributes attributes) {
            try {
                counter.add(1, attributes);
            } catch (RuntimeException e) {
                LogOnce.warn("counted-record:" + functionName, "@Counted recording for " + functionName, e);
            }
        }
    }
}
