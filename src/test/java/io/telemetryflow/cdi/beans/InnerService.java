package io.telemetryflow.cdi.beans;

import io.telemetryflow.cdi.Traced;
import io.telemetryflow.sdk.TelemetryClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class InnerService {

    @Inject
    TelemetryClient telemetry;

    @Traced
    public void inner() {
        telemetry.logInfo("inside inner");
    }
}
