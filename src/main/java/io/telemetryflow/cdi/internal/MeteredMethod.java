package io.telemetryflow.cdi.internal;

import io.telemetryflow.sdk.internal.SemConv;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * What {@code @Counted} and {@code @Timed} derive once per method: what a call records on success
 * and per exception class ({@code O}: a prepared command, or an attribute set), so a steady-state
 * call allocates nothing for telemetry.
 */
abstract class MeteredMethod<O> {

    static final String CODE_FUNCTION = SemConv.CODE_FUNCTION_NAME.getKey();
    static final String ERROR_TYPE = SemConv.ERROR_TYPE.getKey();
    private static final int MAX_ERROR_TYPES = 64;

    final String functionName;
    final O success;
    private final Function<String, O> outcome;
    private final ConcurrentMap<Class<?>, O> failures = new ConcurrentHashMap<>();

    /** {@code outcome} builds what is recorded for an {@code error.type}, or for success when given {@code null}. */
    MeteredMethod(Method method, Function<String, O> outcome) {
        this.functionName = Bindings.functionName(method);
        this.outcome = outcome;
        this.success = outcome.apply(null);
    }

    /** What a call that threw {@code error} records (cached per exception class, bounded). */
    final O failure(Throwable error) {
        Class<?> type = error.getClass();
        O o = failures.get(type);
        if (o == null) {
            o = outcome.apply(type.getName());
            if (failures.size() < MAX_ERROR_TYPES) {
                failures.putIfAbsent(type, o);
            }
        }
        return o;
    }
}
