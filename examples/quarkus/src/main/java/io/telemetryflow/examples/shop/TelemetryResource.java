package io.telemetryflow.examples.shop;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.SpanDetail;
import io.telemetryflow.sdk.application.TelemetryQueryException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The SDK's own state: {@code GET /api/telemetry} shows its export health, {@code POST /api/telemetry/flush}
 * exports now, and {@code GET /api/telemetry/traces/{traceId}} reads a trace back from TelemetryFlow Core
 * (needs {@code telemetryflow.query.endpoint} and a token or login).
 */
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

    /** The trace's span names, sorted and comma-separated; 404 when Core does not know it. */
    @GET
    @Path("/traces/{traceId}")
    public Response trace(@PathParam("traceId") String traceId) {
        try {
            return telemetry.getTrace(traceId)
                .map(t -> Response.ok(t.spans().stream().map(SpanDetail::name).sorted()
                    .collect(Collectors.joining(","))).build())
                .orElse(Response.status(404).entity("no such trace").build());
        } catch (TelemetryQueryException e) {
            return Response.status(502).entity("query failed: " + e.getMessage()).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(e.getMessage()).build();
        }
    }
}
