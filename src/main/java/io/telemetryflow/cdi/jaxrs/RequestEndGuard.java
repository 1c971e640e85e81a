package io.telemetryflow.cdi.jaxrs;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;

/**
 * Internal to the JAX-RS integration (public only because CDI proxies it): ends the SERVER span of
 * a request when the request's CDI context ends, if the JAX-RS response filter has not.
 *
 * <p>JAX-RS runs no response filter when a resource throws an exception that no
 * {@code ExceptionMapper} handles and the runtime answers by itself (RESTEasy Reactive on Quarkus
 * answers HTTP 500 that way). Without this, the span of such a request would stay open, and
 * current on the worker thread, until that thread served its next request. The request context
 * ends after the response filters (so an ordinary request is already finished here), on the thread
 * that ran the request on RESTEasy Reactive; its end does not change the request's outcome.
 */
@RequestScoped
public class RequestEndGuard {

    private Runnable onEnd;

    /**
     * Never fired: a bean that declares an observer method is never removed as unused by Quarkus ArC,
     * which would otherwise drop this bean (it is only looked up programmatically) and log a warning
     * per request. Costs nothing elsewhere.
     */
    void keptByTheContainer(@Observes KeepBean ignored) {
    }

    /** The event type of {@link #keptByTheContainer}; nothing creates one. */
    public static final class KeepBean {
        private KeepBean() {
        }
    }

    /** Runs {@code action} when this request's CDI context ends (once; a later call replaces it). */
    public void onEnd(Runnable action) {
        this.onEnd = action;
    }

    @PreDestroy
    void requestEnded() {
        Runnable action = onEnd;
        onEnd = null;
        if (action != null) {
            try {
                action.run();
            } catch (RuntimeException e) {
                io.telemetryflow.cdi.internal.LogOnce.warn("jaxrs-request-end", "JAX-RS server span end at request end", e);
            }
        }
    }
}
