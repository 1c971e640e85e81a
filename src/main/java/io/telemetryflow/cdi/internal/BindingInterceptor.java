package io.telemetryflow.cdi.internal;

import io.telemetryflow.sdk.TelemetryClient;
import jakarta.inject.Inject;

/** What every TelemetryFlow interceptor needs: the application's client (which may be disabled or stopped). */
abstract class BindingInterceptor {

    @Inject
    TelemetryClient client;
}
