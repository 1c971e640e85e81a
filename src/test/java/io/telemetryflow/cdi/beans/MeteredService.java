package io.telemetryflow.cdi.beans;

import io.telemetryflow.cdi.Counted;
import io.telemetryflow.cdi.Timed;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

@ApplicationScoped
public class MeteredService {

    @Counted
    public void defaultNames() {
    }

    @Counted(value = "orders.placed", description = "orders placed", unit = "{order}")
    @Timed(value = "orders.duration", description = "time to place an order")
    public String place(boolean fail) throws Exception {
        Thread.sleep(20);
        if (fail) {
            throw new java.io.IOException("payment gateway down");
        }
        return "placed";
    }

    @Timed
    public void timedDefault() {
    }

    @Timed
    public void timedForBuckets() {
    }

    @Timed(value = "report.duration", buckets = {0.5, 1, 2})
    public void report() {
    }

    @Counted("async.calls")
    @Timed("async.duration")
    public CompletableFuture<String> async(CompletableFuture<String> result) {
        return result;
    }

    /** An invalid instrument name makes telemetry fail; the business result must still come back. */
    @Counted("1-invalid name")
    @Timed("2-invalid name")
    public String brokenTelemetry() {
        return "business result";
    }
}
