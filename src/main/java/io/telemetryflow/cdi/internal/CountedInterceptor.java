package io.telemetryflow.cdi.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.telemetryflow.cdi.Counted;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;

/** Implements {@link Counted}: +1 per call, thrown or not, with {@code error.type} on a throw. */
@Counted
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 30)
public class CountedInterceptor {

    @Inject
    TelemetryClient client;

    /** Counts the call. */
    @AroundInvoke
    public Object count(InvocationContext ctx) throws Exception {
        CountedMethod counted = InterceptorCore.metadata(client, ctx, InterceptorCore.COUNTED, Counted.class, CountedMethod::new);
        return counted == null ? ctx.proceed() : InterceptorCore.proceed(ctx, counted, null, 0, null);
    }

    /** A counted method: its counter and attribute sets. */
    static final class CountedMethod extends MeteredMethod implements InterceptorCore.Completion<Void> {
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

        @Override
        public void succeeded(Void state, long startNanos) {
            record(success);
        }

        @Override
        public void failed(Void state, long startNanos, Throwable error) {
            record(failure(error));
        }

        private void record(Attributes attributes) {
            try {
                counter.add(1, attributes);
            } catch (RuntimeException e) {
                LogOnce.warn("counted-record:" + functionName, "@Counted recording for " + functionName, e);
            }
        }
    }
}
