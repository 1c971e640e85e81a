package io.telemetryflow.bench;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.telemetryflow.cdi.Counted;
import io.telemetryflow.cdi.Timed;
import io.telemetryflow.cdi.Traced;
import jakarta.enterprise.context.Dependent;

/**
 * The intercepted bean: every method has a no-op body and differs only in its interceptor
 * binding, so the differences between the benchmarks are the interceptors' own costs.
 *
 * <p>{@code @Dependent}, as in the probe: the benchmark holds the Weld subclass instance
 * itself. (An {@code @ApplicationScoped} bean adds a client proxy, which on a call from outside
 * any intercepted frame creates and drops Weld's thread-local interception stack a second time:
 * the same constant for every method here, so it would only dilute the interceptors' ratios.)
 */
@Dependent
public class BenchService {

    /** No interceptor: the cost of the CDI client proxy alone. */
    public void plain() {
    }

    /** The interceptor floor: the bench's own no-op interceptor. */
    @NoopBinding
    public void noop() {
    }

    /** Ours: counter +1 with {@code code.function.name}. */
    @Counted("bench.counted")
    public void counted() {
    }

    /** Ours: duration histogram in seconds. */
    @Timed("bench.timed")
    public void timed() {
    }

    /** Ours: one span per call, current during the call. */
    @Traced
    public void traced() {
    }

    /** The {@code @Traced} floor: a hand-written raw SDK span interceptor ({@link HandSpanInterceptor}). */
    @HandWritten.Span
    public void handSpan() {
    }

    /** The {@code @Timed} floor: a hand-written raw SDK timing interceptor ({@link HandTimerInterceptor}). */
    @HandWritten.Timer
    public void handTimer() {
    }

    /** The {@code @Counted} floor: a hand-written raw SDK counting interceptor ({@link HandCounterInterceptor}). */
    @HandWritten.Counter
    public void handCounter() {
    }

    /** Peer: SmallRye OpenTelemetry (MicroProfile Telemetry) {@code @WithSpan}. */
    @WithSpan
    public void withSpan() {
    }

    /** Peer: SmallRye Metrics (MicroProfile Metrics 5) {@code @Counted}. */
    @org.eclipse.microprofile.metrics.annotation.Counted(name = "bench.mp.counted", absolute = true)
    public void mpCounted() {
    }
}
