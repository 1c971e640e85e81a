package io.telemetryflow.cdi.internal;

import io.telemetryflow.cdi.Counted;
import io.telemetryflow.sdk.application.RecordCounterCommand;
import io.telemetryflow.sdk.internal.MetricCommandHandlers;
import io.telemetryflow.sdk.internal.MetricCommandHandlers.PreparedCounter;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Function;

/**
 * Implements {@link Counted}: +1 per call, thrown or not, with {@code error.type} on a throw.
 *
 * <p>A counted call's {@link RecordCounterCommand} is fixed per method and outcome, so it is built
 * (and prepared by the counter command handler) once, and every call hands the handler that value.
 */
@Counted
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 30)
public class CountedInterceptor extends BindingInterceptor {

    /** Counts the call. */
    @AroundInvoke
    public Object count(InvocationContext ctx) throws Exception {
        CountedMethod counted = InterceptorCore.metadata(this, ctx, InterceptorCore.COUNTED, Counted.class, CountedMethod::new);
        return counted == null ? ctx.proceed() : InterceptorCore.proceed(ctx, counted, null, 0, null);
    }

    /** A counted method: its prepared commands, for success and per exception class. */
    static final class CountedMethod extends MeteredMethod<PreparedCounter> implements InterceptorCore.Completion<Void> {
        private final MetricCommandHandlers handlers;

        CountedMethod(TelemetryRuntime rt, Method method, Counted binding) {
            super(method, commands(rt, method, binding));
            this.handlers = rt.metricHandlers();
        }

        /** Creates the counter (with the binding's description and unit) and the outcome → command function. */
        private static Function<String, PreparedCounter> commands(TelemetryRuntime rt, Method method, Counted binding) {
            String name = binding == null || binding.value().isEmpty() ? "method.invocations" : binding.value();
            if (rt.instruments().counter(name, binding == null ? "" : binding.description(),
                binding == null ? "" : binding.unit()) == null) {
                throw new IllegalStateException("instrument limit reached, counter '" + name + "' not created");
            }
            String function = Bindings.functionName(method);
            MetricCommandHandlers handlers = rt.metricHandlers();
            return errorType -> handlers.prepare(RecordCounterCommand.of(name, 1, errorType == null
                ? Map.of(CODE_FUNCTION, function) : Map.of(CODE_FUNCTION, function, ERROR_TYPE, errorType)));
        }

        @Override
        public void succeeded(Void state, long startNanos) {
            record(success);
        }

        @Override
        public void failed(Void state, long startNanos, Throwable error) {
            record(failure(error));
        }

        private void record(PreparedCounter command) {
            try {
                handlers.counter(command);
            } catch (RuntimeException e) {
                LogOnce.warn("counted-record:" + functionName, "@Counted recording for " + functionName, e);
            }
        }
    }
}
