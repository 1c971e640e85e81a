package io.telemetryflow.cdi.jaxrs;

import io.telemetryflow.sdk.internal.SemConv;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.telemetryflow.cdi.internal.LogOnce;
import io.telemetryflow.sdk.internal.TelemetryRuntime;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Client-side JAX-RS tracing: a CLIENT span per outgoing request, child of the current span,
 * with {@code traceparent}/{@code tracestate} (and baggage) injected so the downstream service
 * continues the trace; ERROR for 4xx and 5xx responses (a client span's error, by the semantic conventions).
 * A call that fails without a response runs no response filter: its span then ends, in ERROR, with the
 * server request that made the call ({@link ServerCall#clientSpanStarted}).
 *
 * <p>Register it on the client: {@code ClientBuilder.newClient().register(TelemetryClientFilter.class)}.
 * Its explicit priority runs it after the usual user filters on the request (so the span covers
 * little else than the call, and its headers are written last) and before them on the response.
 */
@Priority(Priorities.USER + 500)
public class TelemetryClientFilter implements ClientRequestFilter, ClientResponseFilter {

    private static final String SPAN = TelemetryClientFilter.class.getName() + ".span";
    private static final String SERVER_CALL = TelemetryClientFilter.class.getName() + ".serverCall";
    private static final AttributeKey<String> METHOD = SemConv.HTTP_REQUEST_METHOD;
    private static final AttributeKey<String> URL_FULL = SemConv.URL_FULL;
    private static final AttributeKey<String> SERVER_ADDRESS = SemConv.SERVER_ADDRESS;
    private static final AttributeKey<Long> SERVER_PORT = SemConv.SERVER_PORT;
    private static final AttributeKey<Long> STATUS = SemConv.HTTP_RESPONSE_STATUS_CODE;
    private static final AttributeKey<String> ERROR_TYPE = SemConv.ERROR_TYPE;

    // put with a fresh list, not putSingle: putSingle clears the existing list in place, and another
    // filter (WildFly's MicroProfile Telemetry one) may have written this header with an immutable list.
    private static final TextMapSetter<ClientRequestContext> HEADERS =
        (carrier, key, value) -> carrier.getHeaders().put(key, new ArrayList<>(List.of(value)));

    private final JaxrsTelemetry telemetry = new JaxrsTelemetry();

    @Override
    public void filter(ClientRequestContext request) {
        TelemetryRuntime rt = telemetry.runtime();
        if (rt == null) {
            return;
        }
        try {
            URI uri = request.getUri();
            String original = request.getMethod();
            String method = HttpMethods.normalize(original);
            var builder = rt.tracer().spanBuilder(HttpMethods.forSpanName(method)).setSpanKind(SpanKind.CLIENT)
                .setAttribute(METHOD, method)
                .setAttribute(URL_FULL, withoutUserInfoAndQuery(uri));
            if (!method.equals(original)) {
                builder.setAttribute(ServerCall.METHOD_ORIGINAL, original);
            }
            if (uri.getHost() != null) {
                builder.setAttribute(SERVER_ADDRESS, uri.getHost());
            }
            if (uri.getPort() > 0) {
                builder.setAttribute(SERVER_PORT, (long) uri.getPort());
            }
            Span span = builder.startSpan();
            rt.openTelemetry().getPropagators().getTextMapPropagator()
                .inject(Context.current().with(span), request, HEADERS);
            request.setProperty(SPAN, span);
            ServerCall around = ServerCall.onThisThread();
            if (around != null) {
                around.clientSpanStarted(span);
                request.setProperty(SERVER_CALL, around);
            }
        } catch (RuntimeException e) {
            LogOnce.warn("jaxrs-client-request", "JAX-RS client span start", e);
        }
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        Object property = request.getProperty(SPAN);
        if (!(property instanceof Span)) {
            return;
        }
        Span span = (Span) property;
        request.removeProperty(SPAN);
        Object around = request.getProperty(SERVER_CALL);
        if (around instanceof ServerCall) {
            request.removeProperty(SERVER_CALL);
            ((ServerCall) around).clientSpanEnded(span);
        }
        try {
            int status = response.getStatus();
            if (status < 100) {
                // no HTTP response: RESTEasy Reactive's client runs the response filters of a failed call
                // (connection refused, timeout) with status 0 where the other runtimes run none
                span.setStatus(StatusCode.ERROR, ServerCall.NO_CLIENT_RESPONSE_HERE);
                span.setAttribute(ERROR_TYPE, ServerCall.OTHER_ERROR);
                return;
            }
            span.setAttribute(STATUS, (long) status);
            if (status >= 400) { // a client span is an error from 4xx on (semantic conventions), a server span from 5xx
                span.setStatus(StatusCode.ERROR, "HTTP " + status);
                span.setAttribute(ERROR_TYPE, String.valueOf(status));
            }
        } finally {
            span.end();
        }
    }

    /** The URL without credentials or query string (which may carry tokens). */
    private static String withoutUserInfoAndQuery(URI uri) {
        StringBuilder sb = new StringBuilder();
        sb.append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() > 0) {
            sb.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            sb.append(uri.getRawPath());
        }
        return sb.toString();
    }
}
