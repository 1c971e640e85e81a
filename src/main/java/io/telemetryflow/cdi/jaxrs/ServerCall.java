package io.telemetryflow.cdi.jaxrs;

import io.telemetryflow.sdk.internal.SemConv;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * One request's SERVER span, the scope that makes it current on the thread that opened it, and
 * what the {@code http.server.request.duration} histogram needs. Ended exactly once: by the
 * response filter, or, when none runs (an unmapped exception on RESTEasy Reactive), when the CDI
 * request context ends ({@link RequestEndGuard}) or the thread serves its next request.
 */
final class ServerCall {

    static final AttributeKey<String> METHOD = SemConv.HTTP_REQUEST_METHOD;
    static final AttributeKey<String> ROUTE = SemConv.HTTP_ROUTE;
    static final AttributeKey<Long> STATUS = SemConv.HTTP_RESPONSE_STATUS_CODE;
    static final AttributeKey<String> ERROR_TYPE = SemConv.ERROR_TYPE;
    static final AttributeKey<String> URL_SCHEME = SemConv.URL_SCHEME;
    static final AttributeKey<String> METHOD_ORIGINAL = SemConv.HTTP_REQUEST_METHOD_ORIGINAL;
    /** The semantic conventions' {@code error.type} when no status code or exception type is known. */
    static final String OTHER_ERROR = "_OTHER";
    /** Why a CLIENT span without a response is an ERROR, said where the runtime reports the failed call. */
    static final String NO_CLIENT_RESPONSE_HERE = "the call got no response (it failed before one: connection refused,"
        + " timeout...)";
    static final String NO_CLIENT_RESPONSE = NO_CLIENT_RESPONSE_HERE + "; ended with the request that made it";
    private static final int MAX_OPEN_CLIENT_SPANS = 64;
    static final String NO_RESPONSE = "request ended without a JAX-RS response (an exception that no ExceptionMapper "
        + "handled, left to the runtime)";

    /** A request on this thread whose scope is still open (its response filter has not run here yet). */
    private static final ThreadLocal<ServerCall> OPEN_ON_THREAD = new ThreadLocal<>();

    final Span span;
    private final Scope scope;
    private final Thread thread;
    private final long startNanos;
    private final String method;
    private final String route;
    private final String scheme;
    private final DoubleHistogram duration;
    private volatile boolean guarded;
    // CLIENT spans started while this request ran and not ended by a client response filter (guarded by this)
    private java.util.List<Span> openClientSpans;
    private boolean ended;
    private boolean scopeClosed;

    private ServerCall(Span span, Scope scope, long startNanos, String method, String route, String scheme,
                       DoubleHistogram duration) {
        this.span = span;
        this.scope = scope;
        this.thread = Thread.currentThread();
        this.startNanos = startNanos;
        this.method = method;
        this.route = route;
        this.scheme = scheme;
        this.duration = duration;
    }

    /**
     * Registers a call whose span was just made current ({@code scope}) on this thread; first cleans up
     * after an earlier request of this thread that nobody ended.
     */
    static ServerCall open(Span span, Scope scope, long startNanos, String method, String route, String scheme,
                           DoubleHistogram duration) {
        ServerCall call = new ServerCall(span, scope, startNanos, method, route, scheme, duration);
        OPEN_ON_THREAD.set(call);
        return call;
    }

    /**
     * Cleans up after an earlier request on this thread whose scope neither its response filter nor the end
     * of its request context closed here: restores the thread's context and, unless the end of its request
     * context will (it may still be in progress, answering asynchronously), ends its span. Call before
     * anything else in a request filter.
     */
    static void healStaleCallOfThisThread() {
        ServerCall stale = OPEN_ON_THREAD.get();
        if (stale == null) {
            return;
        }
        if (stale.guarded) {
            // still in progress (an asynchronous response) or about to end with its request context
            stale.leaveThread();
        } else {
            stale.endWithoutResponse();
        }
    }

    /** The server call open on this thread, or {@code null} (a client call outside any request). */
    static ServerCall onThisThread() {
        return OPEN_ON_THREAD.get();
    }

    /**
     * Notes a CLIENT span started during this request. JAX-RS runs no client response filter when a call
     * fails without a response (connection refused, timeout: a {@code ProcessingException}); such a span is
     * then ended, in ERROR, when this request ends, instead of never.
     */
    synchronized void clientSpanStarted(Span clientSpan) {
        if (ended) {
            return;
        }
        if (openClientSpans == null) {
            openClientSpans = new java.util.ArrayList<>(2);
        }
        if (openClientSpans.size() < MAX_OPEN_CLIENT_SPANS) {
            openClientSpans.add(clientSpan);
        }
    }

    /** The client response filter ended {@code clientSpan}. */
    synchronized void clientSpanEnded(Span clientSpan) {
        if (openClientSpans != null) {
            openClientSpans.remove(clientSpan);
        }
    }

    private void endOpenClientSpans() {
        java.util.List<Span> open;
        synchronized (this) {
            open = openClientSpans;
            openClientSpans = null;
        }
        if (open != null) {
            for (Span client : open) {
                client.setStatus(StatusCode.ERROR, NO_CLIENT_RESPONSE);
                client.setAttribute(ERROR_TYPE, OTHER_ERROR);
                client.end();
            }
        }
    }

    /** The end of the request's CDI context will end this call if nothing else does ({@link RequestEndGuard}). */
    void guarded() {
        guarded = true;
    }

    /** The response filter ran: ends the span with the response status (5xx is an ERROR). */
    void endWithResponse(int status) {
        leaveThread();
        if (!markEnded()) {
            return;
        }
        endOpenClientSpans();
        try {
            span.setAttribute(STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR, "HTTP " + status);
                span.setAttribute(ERROR_TYPE, String.valueOf(status));
            }
            record(status >= 500 ? String.valueOf(status) : null, status);
        } finally {
            span.end();
        }
    }

    /**
     * The request ended without its response filter (the runtime handled an exception itself): ERROR,
     * {@code error.type=_OTHER}, no status code (the filter never saw the response). Idempotent.
     */
    void endWithoutResponse() {
        leaveThread();
        if (!markEnded()) {
            return;
        }
        endOpenClientSpans();
        try {
            span.setStatus(StatusCode.ERROR, NO_RESPONSE);
            span.setAttribute(ERROR_TYPE, OTHER_ERROR);
            record(OTHER_ERROR, -1);
        } finally {
            span.end();
        }
    }

    synchronized boolean isEnded() {
        return ended;
    }

    private synchronized boolean markEnded() {
        if (ended) {
            return false;
        }
        ended = true;
        return true;
    }

    /**
     * On the opening thread: restores its previous context (scopes are thread-bound; closing one on
     * another thread would corrupt that thread's context) and forgets the call. Elsewhere: nothing,
     * the opening thread heals itself at its next request.
     */
    private void leaveThread() {
        if (Thread.currentThread() != thread) {
            return;
        }
        if (OPEN_ON_THREAD.get() == this) {
            OPEN_ON_THREAD.remove();
        }
        synchronized (this) {
            if (scopeClosed) {
                return;
            }
            scopeClosed = true;
        }
        scope.close();
    }

    private void record(String errorType, int status) {
        if (duration == null) {
            return;
        }
        AttributesBuilder attributes = Attributes.builder().put(METHOD, method);
        if (scheme != null) {
            attributes.put(URL_SCHEME, scheme); // required on http.server.request.duration
        }
        if (status > 0) {
            attributes.put(STATUS, (long) status);
        }
        if (route != null) {
            attributes.put(ROUTE, route);
        }
        if (errorType != null) {
            attributes.put(ERROR_TYPE, errorType);
        }
        duration.record((System.nanoTime() - startNanos) / 1e9, attributes.build());
    }
}
