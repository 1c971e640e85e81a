package io.telemetryflow.examples.shop;

import io.telemetryflow.sdk.TelemetryClient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;

/** The SDK's own state: {@code GET /api/telemetry} shows its export health, {@code POST /api/telemetry/flush} exports now. */
@Path("/telemetry")
@Produces(MediaType.TEXT_PLAIN)
@RequestScoped
public class TelemetryResource {

    @Inject
    TelemetryClient telemetry;

    @GET
    public String health() {
        return telemetry.health().toString();
    }

    @POST
    @Path("/flush")
    public String flush() {
        return telemetry.flush(Duration.ofSeconds(10)) ? "flushed" : "not everything could be exported";
    }
}
