package io.telemetryflow.bench;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** The interceptor floor: an {@code @AroundInvoke} that only proceeds. */
@NoopBinding
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 30)
public class NoopInterceptor {

    @AroundInvoke
    public Object proceed(InvocationContext ctx) throws Exception {
        return ctx.proceed();
    }
}
