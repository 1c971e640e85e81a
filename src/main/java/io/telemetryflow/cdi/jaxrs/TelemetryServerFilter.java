package io.telemetryflow.cdi.jaxrs;

import io.telemetryflow.sdk.internal.SemConv;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.telemetryflow.cdi.internal.LogOnce;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
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
 * <p>When the runtime runs no response filter for a request (RESTEasy Reactive, for an exception that
 * no {@code ExceptionMapper} handles), the span ends with ERROR when the request's CDI context ends
 * ({@link RequestEndGuard}), or at the latest when the thread serves its next request.
 *
 * <p>Auto-registered as a {@link Provider}; switched off with {@code telemetryflow.jaxrs.enabled=false}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class TelemetryServerFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String CALL = TelemetryServerFilter.class.getName() + ".call";
    private static final AttributeKey<String> URL_PATH = SemConv.URL_PATH;
    private static final AttributeKey<String> SERVER_ADDRESS = SemConv.SERVER_ADDRESS;
    private static final AttributeKey<Long> SERVER_PORT = SemConv.SERVER_PORT;

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
            ServerCall.healStaleCallOfThisThread();
            String route = HttpRoutes.template(resourceInfo == null ? null : resourceInfo.getResourceClass(),
                resourceInfo == null ? null : resourceInfo.getResourceMethod());
            String original = request.getMethod();
            String method = HttpMethods.normalize(original);
            URI uri = request.getUriInfo().getRequestUri();
            Context parent = rt.openTelemetry().getPropagators().getTextMapPropagator()
                .extract(Context.root(), request, HEADERS);
            String name = HttpMethods.forSpanName(method);
            var builder = rt.tracer().spanBuilder(route == null ? name : name + " " + route)
                .setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(ServerCall.METHOD, method)
                .setAttribute(URL_PATH, uri.getRawPath())
                .setAttribute(ServerCall.URL_SCHEME, uri.getScheme());
            if (!method.equals(original)) {
                builder.setAttribute(ServerCall.METHOD_ORIGINAL, original);
            }
            if (route != null) {
                builder.setAttribute(ServerCall.ROUTE, route);
            }
            if (uri.getHost() != null) {
                builder.setAttribute(SERVER_ADDRESS, uri.getHost());
            }
            if (uri.getPort() > 0) {
                builder.setAttribute(SERVER_PORT, (long) uri.getPort());
            }
            long start = System.nanoTime();
            Span span = builder.startSpan();
            ServerCall call = ServerCall.open(span, parent.with(span).makeCurrent(), start, method, route, uri.getScheme(),
                duration(rt));
            request.setProperty(CALL, call);
            // no response filter runs after an exception the runtime handles itself (RESTEasy Reactive):
            // then the end of the request's CDI context ends the span
            if (telemetry.guardRequestEnd(call::endWithoutResponse)) {
                call.guarded();
            }
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
        request.removeProperty(CALL);
        try {
            ((ServerCall) property).endWithResponse(response.getStatus());
        } catch (RuntimeException e) {
            LogOnce.warn("jaxrs-server-response", "JAX-RS server span end", e);
        }
    }

    private DoubleHistogram duration(TelemetryRuntime rt) {
        DoubleHistogram h = duration;
        if (h == null) {
            h = rt.instruments().histogram("http.server.request.duration", "s", "Duration of HTTP server requests");
            duration = h;
        }
        return h;
    }
}
