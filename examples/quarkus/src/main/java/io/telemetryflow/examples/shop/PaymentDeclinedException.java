package io.telemetryflow.examples.shop;

/** Thrown when a payment is declined; not mapped, so the request ends with HTTP 500. */
public class PaymentDeclinedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PaymentDeclinedException(String message) {
        super(message);
    }
}
