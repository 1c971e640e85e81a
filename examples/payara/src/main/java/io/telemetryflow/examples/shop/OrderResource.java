package io.telemetryflow.examples.shop;

import io.telemetryflow.cdi.SpanAttribute;
import io.telemetryflow.cdi.Traced;
import io.telemetryflow.cdi.jaxrs.TelemetryClientFilter;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.TelemetryContext;
import io.telemetryflow.sdk.application.RecordCounterCommand;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shop's orders endpoint. The SDK's JAX-RS filter makes every request a SERVER span named by
 * its route template ({@code GET /orders/{id}}); the {@code @Traced} methods are its children
 * ({@code orders.create}, {@code orders.checkout}), and so are the {@link OrderService} spans. It
 * fires a command event, logs through the client and through {@code java.util.logging}, and calls
 * itself through the JAX-RS client (a CLIENT span, the trace continues in the called endpoint).
 */
@Path("/orders")
@Produces(MediaType.TEXT_PLAIN)
@RequestScoped
public class OrderResource {

    private static final Logger LOG = Logger.getLogger(OrderResource.class.getName());

    @Inject
    TelemetryClient telemetry;

    @Inject
    OrderService orders;

    @Inject
    Event<RecordCounterCommand> counters;

    /** {@code POST /api/orders?item=book&quantity=2}: places an order and returns its id. */
    @POST
    @Traced("orders.create")
    public String create(@QueryParam("item") @DefaultValue("book") @SpanAttribute("order.item") String item,
                         @QueryParam("quantity") @DefaultValue("1") int quantity) {
        String id = orders.place(item, quantity);
        counters.fire(RecordCounterCommand.of("shop.orders.received", 1, Map.of("order.item", item)));
        telemetry.logInfo("order placed", Map.of("order.id", id, "order.item", item));
        return id;
    }

    /** {@code POST /api/orders/checkout}: places an order whose payment is declined, so it fails with HTTP 500. */
    @POST
    @Path("/checkout")
    @Traced("orders.checkout")
    public String checkout(@QueryParam("item") @DefaultValue("gift-card") @SpanAttribute("order.item") String item) {
        String id = orders.place(item, 1);
        telemetry.logWarn("charging order", Map.of("order.id", id));
        try {
            orders.charge(id);
        } catch (PaymentDeclinedException e) {
            LOG.log(Level.WARNING, "payment declined for " + id, e);
            throw e;
        }
        return id;
    }

    /** {@code GET /api/orders/42}: the order's status. */
    @GET
    @Path("/{id}")
    public String status(@PathParam("id") String id) {
        return orders.status(id);
    }

    /**
     * {@code GET /api/orders/42/supplier}: asks the supplier service ({@code SHOP_SUPPLIER_URL}, by default a local
     * port nobody listens on) through the JAX-RS client. When it cannot be reached the call fails without a
     * response ({@code ProcessingException}) and this answers 502; the SDK still ends the CLIENT span, in ERROR.
     */
    @GET
    @Path("/{id}/supplier")
    public Response supplier(@PathParam("id") String id) {
        String url = System.getenv().getOrDefault("SHOP_SUPPLIER_URL", "http://127.0.0.1:9");
        try (Client client = ClientBuilder.newBuilder().connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)
            .build().register(TelemetryClientFilter.class)) {
            return Response.ok("supplier: " + client.target(url).path("stock").path(id).request(MediaType.TEXT_PLAIN)
                .get(String.class)).build();
        } catch (ProcessingException e) {
            return Response.status(Response.Status.BAD_GATEWAY).entity("supplier unreachable").build();
        }
    }

    /**
     * {@code GET /api/orders/42/later}: the status computed on another thread and answered when it is
     * ready (an asynchronous resource). {@link TelemetryContext#wrapSupplier} carries the request's trace to that
     * thread; the SERVER span ends when the answer is sent, not when this method returns.
     */
    @GET
    @Path("/{id}/later")
    public CompletionStage<String> statusLater(@PathParam("id") String id) {
        return CompletableFuture.supplyAsync(TelemetryContext.wrapSupplier(() -> "later: " + orders.status(id)));
    }

    /**
     * {@code GET /api/orders/42/receipt}: fetches the order's status from {@code GET /api/orders/42}
     * through the JAX-RS client with the SDK's client filter, which carries the trace to the call.
     */
    @GET
    @Path("/{id}/receipt")
    public String receipt(@PathParam("id") String id, @Context UriInfo uri) {
        try (Client client = ClientBuilder.newClient().register(TelemetryClientFilter.class)) {
            String status = client.target(uri.getBaseUri()).path("orders").path(id)
                .request(MediaType.TEXT_PLAIN).get(String.class);
            return "receipt: " + status;
        }
    }
}
