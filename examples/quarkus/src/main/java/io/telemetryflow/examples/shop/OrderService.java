package io.telemetryflow.examples.shop;

import io.telemetryflow.cdi.Counted;
import io.telemetryflow.cdi.SpanAttribute;
import io.telemetryflow.cdi.Timed;
import io.telemetryflow.cdi.Traced;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The business logic, instrumented by annotations only: every call is a span (a child of the
 * caller's span), is counted and is timed.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class.getName());

    private final AtomicLong ids = new AtomicLong();

    /** Places an order: span {@code order.place}, counter {@code shop.orders.placed}, histogram {@code shop.order.duration}. */
    @Traced("order.place")
    @Counted(value = "shop.orders.placed", description = "Orders placed")
    @Timed(value = "shop.order.duration", description = "Time to place an order")
    public String place(@SpanAttribute("order.item") String item, @SpanAttribute("order.quantity") int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, got " + quantity);
        }
        return "order-" + ids.incrementAndGet();
    }

    /** Charges an order; this shop declines every payment (span {@code payment.charge} ends in ERROR). */
    @Traced("payment.charge")
    @Counted(value = "shop.payments.charged", description = "Payment attempts")
    public void charge(@SpanAttribute("order.id") String orderId) {
        throw new PaymentDeclinedException("payment declined for " + orderId);
    }

    /** Looks an order up (span {@code order.status}); logs through {@code java.util.logging}, exported when enabled. */
    @Traced("order.status")
    public String status(@SpanAttribute("order.id") String orderId) {
        LOG.log(Level.INFO, "status of order {0} requested", orderId);
        return "order " + orderId + ": placed";
    }
}
