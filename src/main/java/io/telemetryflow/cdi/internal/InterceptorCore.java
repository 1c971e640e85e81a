package io.telemetryflow.cdi.internal;

import io.opentelemetry.context.Scope;
import io.telemetryflow.sdk.internal.ClientInternals;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentMap;

/**
 * What {@code @Traced}, {@code @Counted} and {@code @Timed} share: the metadata of an intercepted
 * method, resolved once per method and per running SDK, and the completion of a call — on return,
 * on a throw (rethrown unchanged), or when a returned {@link CompletionStage} completes.
 *
 * <p>The metadata lives in the runtime's own cache ({@link TelemetryRuntime#methodMetadata}), not in a
 * static map: a stopped runtime (a redeploy) takes its instruments and the application's
 * {@code Method} objects with it. A method whose binding cannot be resolved is remembered as unusable
 * (logged once), so the failure is not retried on every call. Each interceptor instance also keeps the
 * metadata of the first method it intercepted ({@link BindingInterceptor#first}), which that method's calls
 * read without the map.
 *
 * <p>Commands: DESIGN has bindings turn calls into commands. A {@code @Counted} call's command is
 * fixed per method and outcome, so it is built once and handed to the counter handler as a prepared
 * command on every call. A {@code @Timed} call's command would carry a new duration, and a
 * {@code @Traced} call's a new span, so building the command (and its attribute map) would allocate
 * per call: those two record into what their metadata resolved once, going around the command.
 */
final class InterceptorCore {

    /** The slots of the three bindings in a method's metadata array. */
    static final int TRACED = 0; // InterceptorTest reads slot 0 and 1
    static final int COUNTED = 1;
    static final int TIMED = 2;
    private static final int SLOTS = 3;
    private static final Object UNUSABLE = new Object();

    private InterceptorCore() {
    }

    /** Builds one method's metadata from its binding (which may be {@code null}: the defaults). */
    interface Factory<A extends Annotation, M> {
        M create(TelemetryRuntime runtime, Method method, A binding);
    }

    /** Receives the outcome of one call; {@code state} and {@code startNanos} are what the call began with. */
    interface Completion<S> {
        void succeeded(S state, long startNanos);

        void failed(S state, long startNanos, Throwable error);
    }

    /**
     * The metadata of {@code ctx}'s method for {@code binding}, or {@code null} when telemetry is off
     * (disabled, not started, shut down) or the method's binding could not be resolved.
     */
    @SuppressWarnings("unchecked")
    static <A extends Annotation, M> M metadata(BindingInterceptor interceptor, InvocationContext ctx, int slot,
                                                Class<A> binding, Factory<A, M> factory) {
        TelemetryRuntime rt = ClientInternals.runtime(interceptor.client);
        if (rt == null) {
            if (interceptor.first != null) {
                interceptor.first = null; // let a stopped runtime go, as its own map does
            }
            return null;
        }
        Method method = ctx.getMethod();
        First first = interceptor.first;
        if (first != null && first.method == method && first.runtime == rt) {
            // the map's lookup (hash, probe, a Method's equals) was 2.5 % of @Traced's samples in a profile
            return first.metadata == UNUSABLE ? null : (M) first.metadata;
        }
        M m = lookup(rt, ctx, method, slot, binding, factory);
        if (first == null || first.runtime != rt) {
            interceptor.first = new First(rt, method, m == null ? UNUSABLE : m);
        }
        return m;
    }

    /** A method's metadata for one binding, remembered by one interceptor instance (see BindingInterceptor). */
    static final class First {
        final TelemetryRuntime runtime;
        final Method method;
        final Object metadata;

        First(TelemetryRuntime runtime, Method method, Object metadata) {
            this.runtime = runtime;
            this.method = method;
            this.metadata = metadata;
        }
    }

    @SuppressWarnings("unchecked")
    private static <A extends Annotation, M> M lookup(TelemetryRuntime rt, InvocationContext ctx, Method method,
                                                      int slot, Class<A> binding, Factory<A, M> factory) {
        ConcurrentMap<Method, Object[]> cache = rt.methodMetadata();
        Object[] slots = cache.get(method);
        if (slots == null) {
            slots = cache.computeIfAbsent(method, k -> new Object[SLOTS]);
        }
        Object m = slots[slot];
        if (m == null) {
            // Racing first calls may both build it; the metadata is immutable (final fields), so either
            // copy is correct and safely published, and the instrument cache hands both the same instrument.
            m = create(rt, ctx, method, binding, factory);
            slots[slot] = m;
        }
        return m == UNUSABLE ? null : (M) m;
    }

    private static <A extends Annotation, M> Object create(TelemetryRuntime rt, InvocationContext ctx, Method method,
                                                           Class<A> binding, Factory<A, M> factory) {
        String name = binding.getSimpleName();
        try {
            A a = Bindings.find(ctx, binding);
            M m = factory.create(rt, method, a);
            return m == null ? UNUSABLE : m;
        } catch (RuntimeException | LinkageError e) { // a class-loading clash must not fail the business call either
            LogOnce.warn(name + ":" + method, "@" + name + " on " + Bindings.functionName(method), e);
            return UNUSABLE;
        }
    }

    /**
     * Proceeds with the call and reports its outcome to {@code completion}: at once, or when the
     * returned {@code CompletionStage} completes. {@code scope} (the span made current, or {@code null})
     * is closed on this thread before the outcome is reported. The call's own result or exception is
     * passed through unchanged.
     */
    static <S> Object proceed(InvocationContext ctx, Completion<S> completion, S state, long startNanos, Scope scope)
        throws Exception {
        Object result;
        try {
            result = ctx.proceed();
        } catch (Exception | Error e) {
            if (scope != null) {
                scope.close();
            }
            completion.failed(state, startNanos, e);
            throw e;
        }
        if (scope != null) {
            scope.close();
        }
        if (result instanceof CompletionStage) {
            ((CompletionStage<?>) result).whenComplete((v, err) -> {
                if (err == null) {
                    completion.succeeded(state, startNanos);
                } else {
                    completion.failed(state, startNanos, AsyncResults.unwrap(err));
                }
            });
        } else {
            completion.succeeded(state, startNanos);
        }
        return result;
    }
}
