package io.telemetryflow.cdi.internal;

import io.telemetryflow.sdk.internal.SemConv;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.telemetryflow.cdi.Timed;
import io.telemetryflow.sdk.domain.HistogramBuckets;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.List;

/** Implements {@link Timed}: the call's duration in seconds, thrown or not; async results to completion. */
@Timed
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 20)
public class TimedInterceptor extends BindingInterceptor {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;
    private static final AttributeKey<String> FUNCTION_KEY = SemConv.CODE_FUNCTION_NAME;
    private static final AttributeKey<String> ERROR_TYPE_KEY = SemConv.ERROR_TYPE;

    /** Times the call. */
    @AroundInvoke
    public Object time(InvocationContext ctx) throws Exception {
        TimedMethod timed = InterceptorCore.metadata(this, ctx, InterceptorCore.TIMED, Timed.class, TimedMethod::new);
        return timed == null ? ctx.proceed() : InterceptorCore.proceed(ctx, timed, null, System.nanoTime(), null);
    }

    /**
     * A timed method: its histogram and attribute sets. Unlike {@code @Counted}, a timed call's
     * command would carry a new duration each call, so building a RecordHistogramCommand (and its
     * attribute map) per call would allocate; the call records into the resolved histogram instead.
     */
    static final class TimedMethod extends MeteredMethod<Attributes> implements InterceptorCore.Completion<Void> {
        private final DoubleHistogram histogram;

        TimedMethod(TelemetryRuntime rt, Method method, Timed binding) {
            super(method, errorType -> errorType == null ? Attributes.of(FUNCTION_KEY, Bindings.functionName(method))
                : Attributes.of(FUNCTION_KEY, Bindings.functionName(method), ERROR_TYPE_KEY, errorType));
            String name = binding == null || binding.value().isEmpty() ? "method.duration" : binding.value();
            this.histogram = rt.instruments().histogram(name, "s", binding == null ? "" : binding.description(),
                boundaries(binding));
            if (histogram == null) {
                throw new IllegalStateException("instrument limit reached, histogram '" + name + "' not created");
            }
        }

        /** The binding's boundaries, or {@code null} (the defaults) when it has none or none that work. */
        private static List<Double> boundaries(Timed binding) {
            if (binding == null || binding.buckets().length == 0) {
                return null;
            }
            List<Double> boundaries = HistogramBuckets.of(binding.buckets());
            String problem = HistogramBuckets.problem(boundaries);
            if (problem != null) {
                LogOnce.message("timed-buckets:" + boundaries, "@Timed(buckets = " + boundaries + ") is not usable (allowed "
                    + problem + "); the default boundaries are used (logged once)");
                return null;
            }
            return boundaries;
        }

        @Override
        public void succeeded(Void state, long startNanos) {
            record(startNanos, success);
        }

        @Override
        public void failed(Void state, long startNanos, Throwable error) {
            record(startNanos, failure(error));
        }

        private void record(long startNanos, Attributes attributes) {
            try {
                histogram.record((System.nanoTime() - startNanos) / NANOS_PER_SECOND, attributes);
            } catch (RuntimeException e) {
                LogOnce.warn("timed-record:" + functionName, "@Timed recording for " + functionName, e);
            }
        }
    }
}
