package io.telemetryflow.sdk;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Carries the current trace context (the current span) to work that runs on another thread. The
 * context is thread-local: a task handed to an executor or {@code CompletableFuture.supplyAsync}
 * does not see the caller's span, so its spans start a new trace and its logs carry no trace id —
 * unless it is wrapped here.
 *
 * <pre>{@code
 * CompletableFuture.supplyAsync(TelemetryContext.wrapSupplier(() -> orders.status(id)));  // one task
 * Executor traced = TelemetryContext.taskWrapping(executor);                              // every task
 * }</pre>
 *
 * <p>The same in both artifacts: in {@code telemetryflow-java-sdk} this is OpenTelemetry's
 * {@code Context.current().wrap(...)} (the names follow it); in {@code telemetryflow-java-sdk-isolated}, whose OpenTelemetry is
 * relocated, it is the only way to reach the SDK's context (the application's own
 * {@code io.opentelemetry.context.Context}, if any, is another one). Never throws; a {@code null}
 * task or executor is returned as is.
 */
public final class TelemetryContext {

    private TelemetryContext() {
    }

    /** {@code task}, running in the context current now (on the calling thread). */
    public static Runnable wrap(Runnable task) {
        return task == null ? null : Context.current().wrap(task);
    }

    /** {@code task}, running in the context current now (on the calling thread). */
    public static <T> Callable<T> wrap(Callable<T> task) {
        return task == null ? null : Context.current().wrap(task);
    }

    /** {@code task}, running in the context current now (on the calling thread). */
    public static <T> Supplier<T> wrapSupplier(Supplier<T> task) {
        if (task == null) {
            return null;
        }
        Context context = Context.current();
        return () -> {
            try (Scope ignored = context.makeCurrent()) {
                return task.get();
            }
        };
    }

    /** {@code executor}, running each task in the context current when it was submitted. */
    public static Executor taskWrapping(Executor executor) {
        return executor == null ? null : Context.taskWrapping(executor);
    }
}
