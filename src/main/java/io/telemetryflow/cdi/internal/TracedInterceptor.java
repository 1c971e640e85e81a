package io.telemetryflow.cdi.internal;

import io.telemetryflow.sdk.internal.SemConv;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.telemetryflow.cdi.SpanAttribute;
import io.telemetryflow.cdi.Traced;
import io.telemetryflow.sdk.internal.AttributeMapper;
import io.telemetryflow.sdk.internal.SpanCommandHandlers;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Implements {@link Traced}: a span per call, current during the call; ERROR status and an
 * {@code exception} event on a throw (rethrown unchanged); async results end the span on completion.
 * Runs outermost of the library's interceptors, so {@code @Timed}/{@code @Counted} record inside the span.
 */
@Traced
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 10)
public class TracedInterceptor extends BindingInterceptor {

    /** Traces the call. */
    @AroundInvoke
    public Object trace(InvocationContext ctx) throws Exception {
        TracedMethod traced = InterceptorCore.metadata(this, ctx, InterceptorCore.TRACED, Traced.class, TracedMethod::new);
        Span span = traced == null ? null : traced.start(ctx);
        return span == null ? ctx.proceed() : InterceptorCore.proceed(ctx, traced, span, 0, span.makeCurrent());
    }

    /** A traced method: span name, kind, fixed attributes and the {@link SpanAttribute} parameters. */
    static final class TracedMethod implements InterceptorCore.Completion<Span> {
        final TelemetryRuntime runtime;
        private final String name;
        private final io.opentelemetry.api.trace.SpanKind kind;
        private final String functionName;
        private final int[] attributeIndexes;
        private final String[] attributeNames;

        TracedMethod(TelemetryRuntime runtime, Method method, Traced binding) {
            this.runtime = runtime;
            String value = binding == null ? "" : binding.value();
            this.name = value.isEmpty() ? method.getDeclaringClass().getSimpleName() + "." + method.getName() : value;
            this.kind = SpanCommandHandlers.toOtel(binding == null ? io.telemetryflow.sdk.domain.SpanKind.INTERNAL
                : binding.kind());
            this.functionName = Bindings.functionName(method);
            List<Integer> indexes = new ArrayList<>();
            List<String> names = new ArrayList<>();
            Parameter[] params = method.getParameters();
            for (int i = 0; i < params.length; i++) {
                SpanAttribute a = params[i].getAnnotation(SpanAttribute.class);
                if (a != null) {
                    indexes.add(i);
                    names.add(!a.value().isEmpty() ? a.value()
                        : params[i].isNamePresent() ? params[i].getName() : "arg" + i);
                }
            }
            this.attributeIndexes = indexes.stream().mapToInt(Integer::intValue).toArray();
            this.attributeNames = names.toArray(new String[0]);
        }

        /**
         * Starts the span, or returns {@code null} (logged once) if telemetry fails. The one fixed attribute is set
         * directly (not through an {@code Attributes} and its forEach), and the arguments are read only when a
         * parameter is a {@link SpanAttribute}: both showed in the hot path's profile.
         */
        Span start(InvocationContext ctx) {
            try {
                SpanBuilder b = runtime.tracer().spanBuilder(name).setSpanKind(kind)
                    .setAttribute(SemConv.CODE_FUNCTION_NAME, functionName);
                Object[] args = attributeIndexes.length > 0 ? ctx.getParameters() : null;
                if (args != null) {
                    AttributesBuilder ab = Attributes.builder();
                    for (int i = 0; i < attributeIndexes.length; i++) {
                        Object arg = attributeIndexes[i] < args.length ? args[attributeIndexes[i]] : null;
                        if (arg != null) {
                            AttributeMapper.put(ab, attributeNames[i], arg);
                        }
                    }
                    b.setAllAttributes(ab.build());
                }
                return b.startSpan();
            } catch (RuntimeException e) {
                LogOnce.warn("traced-start:" + name, "@Traced span start for " + name, e);
                return null;
            }
        }

        @Override
        public void succeeded(Span span, long startNanos) {
            end(span);
        }

        @Override
        public void failed(Span span, long startNanos, Throwable error) {
            fail(span, error);
        }

        void end(Span span) {
            try {
                span.end();
            } catch (RuntimeException e) {
                LogOnce.warn("traced-end:" + name, "@Traced span end for " + name, e);
            }
        }

        void fail(Span span, Throwable error) {
            try {
                SpanCommandHandlers.markError(span, error);
            } catch (RuntimeException e) {
                LogOnce.warn("traced-error:" + name, "@Traced error recording for " + name, e);
            }
            end(span);
        }
    }
}
