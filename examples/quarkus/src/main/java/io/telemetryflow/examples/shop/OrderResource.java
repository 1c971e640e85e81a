package io.telemetryflow.examples.shop;

import io.telemetryflow.cdi.SpanAttribute;
import io.telemetryflow.cdi.Traced;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.RecordCounterCommand;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The shop's orders endpoint: each call is a span ({@code orders.create}, {@code orders.checkout})
 * whose children are the {@link OrderService} spans; it fires a command event and logs through the client.
 */
@Path("/orders")
@Produces(MediaType.TEXT_PLAIN)
@RequestScoped
public class OrderResource {

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
        orders.charge(id);
        return id;
    }
}
