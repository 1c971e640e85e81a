package io.telemetryflow.cdi.beans;

import jakarta.enterprise.context.ApplicationScoped;

/** Instrumented only through the {@link Monitored} stereotype. */
@Monitored
@ApplicationScoped
public class MonitoredService {

    public String work() {
        return "done";
    }
}
