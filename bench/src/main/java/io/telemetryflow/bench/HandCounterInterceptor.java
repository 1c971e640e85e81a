package io.telemetryflow.bench;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * The {@code @Counted} floor: +1 per call on a raw SDK counter with a pre-built {@code code.function.name},
 * and {@code error.type} (the exception's class) on a throw, which is rethrown.
 */
@HandWritten.Counter
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 30)
public class HandCounterInterceptor {

    /** Set by {@link CdiState} before the container starts. */
    static LongCounter counter;
    static final Attributes ATTRIBUTES = Attributes.of(Bench.CODE_FUNCTION, BenchService.class.getName() + ".handCounter");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    @AroundInvoke
    public Object count(InvocationContext ctx) throws Exception {
        Object result;
        try {
            result = ctx.proceed();
        } catch (Exception | Error e) {
            counter.add(1, ATTRIBUTES.toBuilder().put(ERROR_TYPE, e.getClass().getName()).build());
            throw e;
        }
        counter.add(1, ATTRIBUTES);
        return result;
    }
}
