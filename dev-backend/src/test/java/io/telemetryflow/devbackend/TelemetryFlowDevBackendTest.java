package io.telemetryflow.devbackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runnable dev backend: its command line, what it prints, and both sides working together. */
class TelemetryFlowDevBackendTest {

    @Test
    void printsItsEndpointsAndEveryArrivalAndServesCoreOverWhatArrived() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TelemetryFlowDevBackend.Options options = TelemetryFlowDevBackend.Options.parse(
            new String[] {"--grpc-port", "0", "--http-port", "0", "--api-port", "0"});
        try (TelemetryFlowDevBackend.Running running = TelemetryFlowDevBackend.start(options, out)) {
            OtlpReceiver receiver = running.receiver();
            assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("OTLP/gRPC  127.0.0.1:" + receiver.grpcPort())
                .contains("OTLP/HTTP  " + receiver.httpEndpoint())
                .contains("telemetryflow.query.endpoint=" + running.core().url())
                .contains(DevQueryBackend.DEV_EMAIL);

            OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(receiver.httpUrl("/v2/traces"))
                .addHeader("X-TelemetryFlow-Key-ID", "tfk_dev").setTimeout(Duration.ofSeconds(10)).build();
            try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                    .setResource(Resource.create(Attributes.of(io.opentelemetry.api.common.AttributeKey.stringKey(
                        "service.name"), "cli-svc")))
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
                tracing.get("t").spanBuilder("checkout").startSpan().end();
                assertThat(tracing.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            }
            String traceId = receiver.awaitSpan("checkout", Duration.ofSeconds(10)).traceId();
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("HTTP traces: 1 span(s) from cli-svc [checkout]");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(receiver.httpUrl("/v2/logs")))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("REFUSED HTTP POST /v2/logs -> 401 missing"
                + " TelemetryFlow API Key ID");

            String login = http.send(HttpRequest.newBuilder(URI.create(running.core().url() + "/api/v2/auth/login"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + DevQueryBackend.DEV_EMAIL
                    + "\",\"password\":\"" + DevQueryBackend.DEV_PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            String token = login.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> trace = http.send(HttpRequest.newBuilder(URI.create(running.core().url()
                + "/api/v2/query/signals/traces/" + traceId)).header("authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(trace.statusCode()).isEqualTo(200);
            assertThat(trace.body()).startsWith("[").contains("\"span_name\":\"checkout\"")
                .contains("\"service_name\":\"cli-svc\"");
        }
    }

    @Test
    void badCommandLinesNameTheOption() {
        assertThatThrownBy(() -> TelemetryFlowDevBackend.Options.parse(new String[] {"--grpc-port", "70000"}))
            .hasMessageContaining("--grpc-port must be an integer from 0 to 65535, got '70000'");
        assertThatThrownBy(() -> TelemetryFlowDevBackend.Options.parse(new String[] {"--colour", "x"}))
            .hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> TelemetryFlowDevBackend.Options.parse(new String[] {"--email"}))
            .hasMessageContaining("expected --option value");
        TelemetryFlowDevBackend.Options o = TelemetryFlowDevBackend.Options.parse(
            new String[] {"--allow-key-id", "tfk_a", "--allow-key-id", "tfk_b", "--password", "s3cret-pw"});
        assertThat(o.allowedKeyIds()).isEqualTo(Set.of("tfk_a", "tfk_b"));
        assertThat(o.grpcPort()).isEqualTo(4317);
        assertThat(o.apiPort()).isEqualTo(8080);
    }

    @Test
    void aPasswordGivenOnTheCommandLineIsNotPrinted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TelemetryFlowDevBackend.Options options = TelemetryFlowDevBackend.Options.parse(new String[] {"--grpc-port", "0",
            "--http-port", "0", "--api-port", "0", "--email", "me@example.com", "--password", "s3cret-pw"});
        try (TelemetryFlowDevBackend.Running running = TelemetryFlowDevBackend.start(options,
                new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            assertThat(running.core().email()).isEqualTo("me@example.com");
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("me@example.com").doesNotContain("s3cret-pw");
        }
    }
}
