package io.telemetryflow.cdi.internal;

import io.telemetryflow.sdk.TelemetryClient;
import jakarta.inject.Inject;

/** What every TelemetryFlow interceptor needs: the application's client (which may be disabled or stopped). */
abstract class BindingInterceptor {

    @Inject
    TelemetryClient client;

    /**
     * The metadata of the first method this instance intercepted, with the runtime that resolved it, or
     * {@code null}: {@link InterceptorCore#metadata} reads it before the runtime's map. Written on the first
     * call and again only when the runtime changes, so calls on many threads read it without writing a shared
     * line. An unsynchronized field: {@link InterceptorCore.First} is immutable, so a racing reader sees
     * either {@code null} or a whole value, and either is correct.
     */
    InterceptorCore.First first;
}
