package io.telemetryflow.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.telemetryflow.cdi.jaxrs.TelemetryClientFilter;
import io.telemetryflow.cdi.jaxrs.TelemetryServerFilter;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedSpan;
import io.telemetryflow.sdk.TelemetryClient;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code telemetryflow.propagators=b3multi,tracecontext} (gateways that speak Zipkin B3): the JAX-RS
 * server filter continues a B3 trace, and the client filter injects B3 headers (beside W3C ones),
 * over a header list another filter wrote immutably.
 */
class B3PropagationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TRACE_ID = "463ac35c9f6413ad48485a3953bb6124";
    private static final String PARENT_ID = "0020000000000001";

    @Test
    void b3IsExtractedByTheServerFilterAndInjectedByTheClientFilter() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start();
             CdiTestSupport cdi = CdiTestSupport.start(receiver, Map.of("telemetryflow.propagators", "b3multi,tracecontext"))) {
            TelemetryClient client = cdi.get(TelemetryClient.class);
            TelemetryServerFilter server = JaxrsServerFilterTest.filter();
            ContainerRequestContext request = JaxrsServerFilterTest.request("GET", "/api/orders/7",
                Map.of("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", PARENT_ID, "X-B3-Sampled", "1"));
            MultivaluedMap<String, Object> outgoing = new MultivaluedHashMap<>();
            outgoing.put("traceparent", List.of("00-00000000000000000000000000000001-0000000000000001-01")); // immutable
            RequestContextController requestContext = cdi.get(RequestContextController.class);
            requestContext.activate();
            try {
                server.filter(request);
                assertThat(Span.current().getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
                new TelemetryClientFilter().filter(clientRequest(outgoing));
                server.filter(request, JaxrsServerFilterTest.response(200));
            } finally {
                requestContext.deactivate();
            }
            client.flush();

            ReceivedSpan span = receiver.awaitSpan("GET /orders/{id}", WAIT);
            assertThat(span.traceId()).isEqualTo(TRACE_ID);
            assertThat(span.parentSpanId()).isEqualTo(PARENT_ID);
            assertThat(outgoing.getFirst("X-B3-TraceId")).isEqualTo(TRACE_ID);
            assertThat(outgoing.getFirst("X-B3-Sampled")).isEqualTo("1");
            assertThat((String) outgoing.getFirst("traceparent")).contains(TRACE_ID);
            assertThat(outgoing.get("traceparent")).hasSize(1);
        }
    }

    static ClientRequestContext clientRequest(MultivaluedMap<String, Object> headers) {
        return clientRequest("GET", headers);
    }

    static ClientRequestContext clientRequest(String method, MultivaluedMap<String, Object> headers) {
        URI uri = URI.create("http://127.0.0.1:9/inventory");
        Map<String, Object> properties = new HashMap<>();
        return (ClientRequestContext) Proxy.newProxyInstance(B3PropagationTest.class.getClassLoader(),
            new Class<?>[] {ClientRequestContext.class}, (p, m, args) -> switch (m.getName()) {
                case "getUri" -> uri;
                case "getMethod" -> method;
                case "getHeaders" -> headers;
                case "getProperty" -> properties.get((String) args[0]);
                case "setProperty" -> properties.put((String) args[0], args[1]);
                case "removeProperty" -> properties.remove((String) args[0]);
                case "toString" -> "ClientRequestContext";
                default -> throw new UnsupportedOperationException(m.getName());
            });
    }
}
