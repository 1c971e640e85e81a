package io.telemetryflow.cdi.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What {@code @Counted} and {@code @Timed} derive once per method: the attribute sets for
 * success and per exception class, so a steady-state call allocates nothing for telemetry.
 */
abstract class MeteredMethod {

    static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey("code.function.name");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final int MAX_ERROR_TYPES = 64;

    final String functionName;
    final Attributes success;
    private final ConcurrentMap<Class<?>, Attributes> failures = new ConcurrentHashMap<>();

    MeteredMethod(TelemetryRuntime runtime, Method method) {
        this.functionName = Bindings.functionName(method);
        this.success = Attributes.of(CODE_FUNCTION, functionName);
    }

    /** Attributes for a call that threw {@code error} (cached per exception class, bounded). */
    final Attributes failure(Throwable error) {
        Class<?> type = error.getClass();
        Attributes a = failures.get(type);
        if (a == null) {
            a = Attributes.of(CODE_FUNCTION, functionName, ERROR_TYPE, type.getName());
            if (failures.size() < MAX_ERROR_TYPES) {
                failures.putIfAbsent(type, a);
            }
        }
        return a;
    }
}
