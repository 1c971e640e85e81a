package io.telemetryflow.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.telemetryflow.cdi.jaxrs.TelemetryClientFilter;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedSpan;
import io.telemetryflow.sdk.TelemetryClient;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CLIENT spans as the semantic conventions want them: 4xx is an error, unknown methods are {@code _OTHER}. */
class JaxrsClientFilterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aClientSpanIsAnErrorFrom4xxOnAndUnknownMethodsAreOther() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start(); CdiTestSupport cdi = CdiTestSupport.start(receiver, Map.of())) {
            TelemetryClient client = cdi.get(TelemetryClient.class);
            TelemetryClientFilter filter = new TelemetryClientFilter();
            ClientRequestContext notFound = B3PropagationTest.clientRequest("GET", new MultivaluedHashMap<>());
            filter.filter(notFound);
            filter.filter(notFound, response(404));
            ClientRequestContext made = B3PropagationTest.clientRequest("PURGE", new MultivaluedHashMap<>());
            filter.filter(made);
            filter.filter(made, response(200));
            client.flush();

            ReceivedSpan get = receiver.awaitSpan("GET", WAIT);
            assertThat(get.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(get.status().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(get.attributes()).containsEntry("http.response.status_code", 404L).containsEntry("error.type", "404");
            ReceivedSpan other = receiver.awaitSpan("HTTP", WAIT);
            assertThat(other.attributes()).containsEntry("http.request.method", "_OTHER")
                .containsEntry("http.request.method_original", "PURGE");
            assertThat(other.status().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        }
    }

    @Test
    void aCallThatFailsWithoutAResponseEndsInErrorWithTheRequestThatMadeIt() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start(); CdiTestSupport cdi = CdiTestSupport.start(receiver, Map.of())) {
            TelemetryClient client = cdi.get(TelemetryClient.class);
            var server = JaxrsServerFilterTest.filter();
            var request = JaxrsServerFilterTest.request("GET", "/api/orders/9", Map.of());
            var requestContext = cdi.get(jakarta.enterprise.context.control.RequestContextController.class);
            TelemetryClientFilter filter = new TelemetryClientFilter();
            requestContext.activate();
            try {
                server.filter(request);
                ClientRequestContext refused = B3PropagationTest.clientRequest("POST", new MultivaluedHashMap<>());
                filter.filter(refused); // connection refused: JAX-RS runs no response filter, the caller gets an exception
                ClientRequestContext answered = B3PropagationTest.clientRequest("GET", new MultivaluedHashMap<>());
                filter.filter(answered);
                filter.filter(answered, response(200));
                server.filter(request, JaxrsServerFilterTest.response(502));
            } finally {
                requestContext.deactivate();
            }
            client.flush();

            ReceivedSpan failed = receiver.awaitSpan("POST", WAIT);
            assertThat(failed.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(failed.status().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(failed.status().getMessage()).contains("no response");
            assertThat(failed.attributes()).containsEntry("error.type", "_OTHER");
            ReceivedSpan ok = receiver.awaitSpan("GET", WAIT);
            assertThat(ok.status().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(receiver.spans()).filteredOn(s -> s.name().equals("GET")).as("ended once").hasSize(1);
        }
    }

    /** RESTEasy Reactive's client runs the response filters of a refused call with status 0: no response, an ERROR. */
    @Test
    void aResponseWithoutAStatusIsAFailedCall() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start(); CdiTestSupport cdi = CdiTestSupport.start(receiver, Map.of())) {
            TelemetryClient client = cdi.get(TelemetryClient.class);
            TelemetryClientFilter filter = new TelemetryClientFilter();
            ClientRequestContext refused = B3PropagationTest.clientRequest("DELETE", new MultivaluedHashMap<>());
            filter.filter(refused);
            filter.filter(refused, response(0));
            client.flush();

            ReceivedSpan span = receiver.awaitSpan("DELETE", WAIT);
            assertThat(span.status().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(span.status().getMessage()).contains("no response");
            assertThat(span.attributes()).containsEntry("error.type", "_OTHER").doesNotContainKey("http.response.status_code");
        }
    }

    private static ClientResponseContext response(int status) {
        return (ClientResponseContext) Proxy.newProxyInstance(JaxrsClientFilterTest.class.getClassLoader(),
            new Class<?>[] {ClientResponseContext.class}, (p, m, args) -> switch (m.getName()) {
                case "getStatus" -> status;
                case "toString" -> "ClientResponseContext " + status;
                default -> throw new UnsupportedOperationException(m.getName());
            });
    }
}
