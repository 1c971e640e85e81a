package io.telemetryflow.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.telemetryflow.cdi.jaxrs.TelemetryServerFilter;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedMetric;
import io.telemetryflow.devbackend.ReceivedSpan;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JAX-RS server filter on Weld SE, driven the way a JAX-RS runtime drives it (request filter,
 * resource, response filter, end of the CDI request context), asserted at the OTLP receiver;
 * especially a request whose response filter never runs (an unmapped exception on RESTEasy Reactive).
 */
class JaxrsServerFilterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";

    private static OtlpReceiver receiver;
    private static CdiTestSupport cdi;
    private static TelemetryClient client;

    @Path("/orders")
    public static class Orders {
        @GET
        @Path("/{id}")
        public String status() {
            return "ok";
        }
    }

    @BeforeAll
    static void start() {
        receiver = OtlpReceiver.start();
        cdi = CdiTestSupport.start(receiver, Map.of());
        client = cdi.get(TelemetryClient.class);
    }

    @AfterAll
    static void stop() {
        cdi.close();
        receiver.close();
    }

    @BeforeEach
    void clear() {
        receiver.clear();
    }

    @Test
    void requestContinuesTheCallersTraceIsCurrentInTheResourceAndEndsWithTheResponse() throws Exception {
        TelemetryServerFilter filter = filter();
        ContainerRequestContext request = request("GET", "/api/orders/42",
            Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01", "tracestate", "tf=unit"));
        RequestContextController requestContext = cdi.get(RequestContextController.class);
        requestContext.activate();
        try {
            filter.filter(request);
            assertThat(Span.current().getSpanContext().getTraceId()).as("current in the resource").isEqualTo(TRACE_ID);
            filter.filter(request, response(200));
            assertThat(Span.current().getSpanContext().isValid()).as("the thread's context is restored").isFalse();
        } finally {
            requestContext.deactivate();
        }
        client.flush();
        ReceivedSpan server = receiver.awaitSpan("GET /orders/{id}", WAIT);
        assertThat(server.traceId()).isEqualTo(TRACE_ID);
        assertThat(server.parentSpanId()).isEqualTo(PARENT_ID);
        assertThat(server.span().getTraceState()).isEqualTo("tf=unit");
        assertThat(server.attributes()).containsEntry("http.route", "/orders/{id}")
            .containsEntry("url.path", "/api/orders/42").containsEntry("http.response.status_code", 200L);
        assertThat(server.status().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void withoutAResponseFilterTheSpanEndsInErrorWhenTheRequestContextEnds() throws Exception {
        TelemetryServerFilter filter = filter();
        RequestContextController requestContext = cdi.get(RequestContextController.class);
        requestContext.activate();
        try {
            filter.filter(request("POST", "/api/orders/7", Map.of()));
            assertThat(Span.current().getSpanContext().isValid()).isTrue();
            // the resource throws, the runtime answers 500 by itself: no response filter
        } finally {
            requestContext.deactivate();
        }
        assertThat(Span.current().getSpanContext().isValid()).as("the thread's context is restored").isFalse();
        client.flush();
        ReceivedSpan server = receiver.awaitSpan("POST /orders/{id}", WAIT);
        assertThat(server.status().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(server.status().getMessage()).contains("without a JAX-RS response");
        assertThat(server.attributes()).containsEntry("error.type", "_OTHER").doesNotContainKey("http.response.status_code");
        ReceivedMetric duration = receiver.awaitMetric("http.server.request.duration", WAIT);
        assertThat(duration.histogramCount(Map.of("url.scheme", "http", "http.request.method", "POST", "http.route", "/orders/{id}",
            "error.type", "_OTHER"))).isEqualTo(1);
    }

    @Test
    void aRequestContextEndingAfterTheResponseFilterChangesNothing() throws Exception {
        TelemetryServerFilter filter = filter();
        RequestContextController requestContext = cdi.get(RequestContextController.class);
        requestContext.activate();
        try {
            ContainerRequestContext request = request("GET", "/api/orders/9", Map.of());
            filter.filter(request);
            filter.filter(request, response(503));
        } finally {
            requestContext.deactivate();
        }
        client.flush();
        ReceivedSpan server = receiver.awaitSpan("GET /orders/{id}", WAIT);
        assertThat(server.status().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(server.status().getMessage()).isEqualTo("HTTP 503");
        assertThat(server.attributes()).containsEntry("http.response.status_code", 503L).containsEntry("error.type", "503");
        assertThat(receiver.spans()).hasSize(1);
    }

    @Test
    void withoutRequestContextTheNextRequestOnTheThreadEndsTheStaleSpan() throws Exception {
        TelemetryServerFilter filter = filter();
        filter.filter(request("POST", "/api/orders/1", Map.of()));
        String staleTrace = Span.current().getSpanContext().getTraceId();
        // no response filter, no request context: the stale span stays current until the next request
        ContainerRequestContext next = request("GET", "/api/orders/2", Map.of());
        filter.filter(next);
        assertThat(Span.current().getSpanContext().getTraceId()).as("a new trace, not the stale one").isNotEqualTo(staleTrace);
        filter.filter(next, response(200));
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        client.flush();
        ReceivedSpan stale = receiver.awaitSpan("POST /orders/{id}", WAIT);
        assertThat(stale.traceId()).isEqualTo(staleTrace);
        assertThat(stale.status().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        ReceivedSpan ok = receiver.awaitSpan("GET /orders/{id}", WAIT);
        assertThat(ok.parentSpanId()).as("not a child of the stale span").isEmpty();
    }

    // ------------------------------------------------------------------ a JAX-RS runtime's view

    static TelemetryServerFilter filter() throws ReflectiveOperationException {
        TelemetryServerFilter filter = new TelemetryServerFilter();
        Method resourceMethod = Orders.class.getMethod("status");
        ResourceInfo info = proxy(ResourceInfo.class, (name, args) -> switch (name) {
            case "getResourceClass" -> Orders.class;
            case "getResourceMethod" -> resourceMethod;
            default -> null;
        });
        Field field = TelemetryServerFilter.class.getDeclaredField("resourceInfo");
        field.setAccessible(true);
        field.set(filter, info);
        return filter;
    }

    static ContainerRequestContext request(String method, String path, Map<String, String> headers) {
        URI uri = URI.create("http://127.0.0.1:8080" + path);
        UriInfo uriInfo = proxy(UriInfo.class, (name, args) -> name.equals("getRequestUri") ? uri : null);
        MultivaluedMap<String, String> headerMap = new MultivaluedHashMap<>();
        headers.forEach(headerMap::putSingle);
        Map<String, Object> properties = new HashMap<>();
        return proxy(ContainerRequestContext.class, (name, args) -> switch (name) {
            case "getMethod" -> method;
            case "getUriInfo" -> uriInfo;
            case "getHeaders" -> headerMap;
            case "getHeaderString" -> headerMap.getFirst((String) args[0]);
            case "getProperty" -> properties.get((String) args[0]);
            case "setProperty" -> properties.put((String) args[0], args[1]);
            case "removeProperty" -> properties.remove((String) args[0]);
            default -> throw new UnsupportedOperationException(name);
        });
    }

    static ContainerResponseContext response(int status) {
        return proxy(ContainerResponseContext.class, (name, args) -> {
            if (name.equals("getStatus")) {
                return status;
            }
            throw new UnsupportedOperationException(name);
        });
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(JaxrsServerFilterTest.class.getClassLoader(), new Class<?>[] {type},
            (p, m, args) -> {
                if (m.getDeclaringClass() == Object.class) {
                    return m.getName().equals("toString") ? type.getSimpleName() : m.invoke(answer, args);
                }
                return answer.answer(m.getName(), args);
            }));
    }
}
