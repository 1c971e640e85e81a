package io.telemetryflow.cdi.jaxrs;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.telemetryflow.cdi.internal.LogOnce;
import io.telemetryflow.sdk.infrastructure.TelemetryRuntime;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * Server-side JAX-RS tracing: a SERVER span per request named {@code METHOD /route-template},
 * continuing the W3C {@code traceparent}/{@code tracestate} (and baggage) of the caller, with
 * HTTP semantic-convention attributes, ERROR status for 5xx, and the
 * {@code http.server.request.duration} histogram (seconds). The span is current while the
 * resource method runs, so {@code @Traced} beans called by it become its children.
 *
 * <p>Auto-registered as a {@link Provider}; switched off with {@code telemetryflow.jaxrs.enabled=false}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class TelemetryServerFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String CALL = TelemetryServerFilter.class.getName() + ".call";
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    /** A request whose response filter never ran on this thread (unmapped exception on some runtimes). */
    private static final ThreadLocal<ServerCall> OPEN_ON_THREAD = new ThreadLocal<>();

    private static final TextMapGetter<ContainerRequestContext> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ContainerRequestContext carrier) {
            return carrier.getHeaders().keySet();
        }

        @Override
        public String get(ContainerRequestContext carrier, String key) {
            return carrier == null ? null : carrier.getHeaderString(key);
        }
    };

    private final JaxrsTelemetry telemetry = new JaxrsTelemetry();
    private volatile DoubleHistogram duration;

    @jakarta.ws.rs.core.Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        TelemetryRuntime rt = telemetry.runtime();
        if (rt == null) {
            return;
        }
        try {
            healStaleCall();
            String route = HttpRoutes.template(resourceInfo == null ? null : resourceInfo.getResourceClass(),
                resourceInfo == null ? null : resourceInfo.getResourceMethod());
            String method = request.getMethod();
            URI uri = request.getUriInfo().getRequestUri();
            Context parent = rt.openTelemetry().getPropagators().getTextMapPropagator()
                .extract(Context.root(), request, HEADERS);
            var builder = rt.tracer().spanBuilder(route == null ? method : method + " " + route)
                .setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, method)
                .setAttribute(URL_PATH, uri.getRawPath())
                .setAttribute(URL_SCHEME, uri.getScheme());
            if (route != null) {
                builder.setAttribute(ROUTE, route);
            }
            if (uri.getHost() != null) {
                builder.setAttribute(SERVER_ADDRESS, uri.getHost());
            }
            if (uri.getPort() > 0) {
                builder.setAttribute(SERVER_PORT, (long) uri.getPort());
            }
            Span span = builder.startSpan();
            ServerCall call = new ServerCall(span, parent.with(span).makeCurrent(), Thread.currentThread(),
                System.nanoTime(), method, route);
            OPEN_ON_THREAD.set(call);
            request.setProperty(CALL, call);
        } catch (RuntimeException e) {
            LogOnce.warn("jaxrs-server-request", "JAX-RS server span start", e);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object property = request.getProperty(CALL);
        if (!(property instanceof ServerCall)) {
            return;
        }
        ServerCall call = (ServerCall) property;
        request.removeProperty(CALL);
        try {
            int status = response.getStatus();
            call.span.setAttribute(STATUS, (long) status);
            if (status >= 500) {
                call.span.setStatus(StatusCode.ERROR, "HTTP " + status);
                call.span.setAttribute(ERROR_TYPE, String.valueOf(status));
            }
            call.finish(status);
            recordDuration(call, status);
        } catch (RuntimeException e) {
            LogOnce.warn("jaxrs-server-response", "JAX-RS server span end", e);
        }
    }

    private void recordDuration(ServerCall call, int status) {
        TelemetryRuntime rt = telemetry.runtime();
        if (rt == null) {
            return;
        }
        DoubleHistogram h = duration;
        if (h == null) {
            h = rt.instruments().histogram("http.server.request.duration", "s", "Duration of HTTP server requests");
            duration = h;
        }
        if (h != null) {
            var attributes = Attributes.builder().put(METHOD, call.method).put(STATUS, (long) status);
            if (call.route != null) {
                attributes.put(ROUTE, call.route);
            }
            if (status >= 500) {
                attributes.put(ERROR_TYPE, String.valueOf(status));
            }
            h.record((System.nanoTime() - call.startNanos) / 1e9, attributes.build());
        }
    }

    /**
     * Cleans up after a previous request on this thread whose response filter never ran here
     * (an unmapped exception, or a runtime that ran the response filter on another thread):
     * restores the thread's context and ends the span if nobody did.
     */
    private static void healStaleCall() {
        ServerCall stale = OPEN_ON_THREAD.get();
        if (stale != null) {
            OPEN_ON_THREAD.remove();
            stale.closeScope();
            if (!stale.isEnded()) {
                stale.span.setStatus(StatusCode.ERROR, "request ended without a response filter (unmapped exception?)");
                stale.finish(-1);
            }
        }
    }

    /** One request's span and scope. */
    private static final class ServerCall {
        final Span span;
        final Scope scope;
        final Thread thread;
        final long startNanos;
        final String method;
        final String route;
        private boolean ended;
        private boolean scopeClosed;

        ServerCall(Span span, Scope scope, Thread thread, long startNanos, String method, String route) {
            this.span = span;
            this.scope = scope;
            this.thread = thread;
            this.startNanos = startNanos;
            this.method = method;
            this.route = route;
        }

        /** Closes the scope when on the opening thread (scopes are thread-bound), then ends the span once. */
        void finish(int status) {
            if (Thread.currentThread() == thread) {
                closeScope();
                if (OPEN_ON_THREAD.get() == this) {
                    OPEN_ON_THREAD.remove();
                }
            }
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            span.end();
        }

        synchronized boolean isEnded() {
            return ended;
        }

        /** Restores the opening thread's previous context; call on the opening thread only. */
        void closeScope() {
            synchronized (this) {
                if (scopeClosed) {
                    return;
                }
                scopeClosed = true;
            }
            scope.close();
        }
    }

}
