package io.telemetryflow.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.Sampling;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sampling as configured, counted at the receiver; the books stay balanced (unsampled spans are not recorded). */
class SamplingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier.get(key);
        }
    };

    @Test
    void traceIdRatioSamplesItsShareOfRootSpans() {
        int roots = 4000;
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC)
                .configure(c -> c.sampling(Sampling.TRACEIDRATIO, 0.25).maxQueueSize(8192)).build().initialize();
            try {
                for (int i = 0; i < roots; i++) {
                    client.span("root").close();
                }
                assertThat(client.flush(Duration.ofSeconds(20))).isTrue();
                int exported = (int) client.health().signals().get(io.telemetryflow.sdk.domain.SignalType.TRACES).exported();
                double sigma = Math.sqrt(roots * 0.25 * 0.75); // binomial: ≈ 27.4
                assertThat(exported).as("within 3 sigma of 1000").isBetween((int) (1000 - 3 * sigma), (int) (1000 + 3 * sigma));
                assertThat(receiver.awaitSpans(exported, SdkTestClients.WAIT)).hasSize(exported);
                assertThat(client.health().signals().get(io.telemetryflow.sdk.domain.SignalType.TRACES).balanced()).isTrue();
                System.out.printf("[sampling] traceidratio 0.25: %d of %d root spans exported%n", exported, roots);
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void parentBasedByDefaultHonoursAnIncomingNotSampledFlag() {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC).build().initialize();
            try {
                for (String flags : new String[] {"00", "01"}) {
                    Context remote = client.openTelemetry().getPropagators().getTextMapPropagator().extract(Context.root(),
                        Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-" + flags), MAP);
                    try (Scope ignored = remote.makeCurrent()) {
                        client.span("child-of-" + flags).close();
                    }
                }
                client.span("root").close();
                assertThat(client.flush()).isTrue();
                assertThat(receiver.awaitSpan("child-of-01", SdkTestClients.WAIT).traceId()).isEqualTo(TRACE_ID);
                receiver.awaitSpan("root", SdkTestClients.WAIT);
                assertThat(receiver.spans()).extracting(s -> s.name()).doesNotContain("child-of-00");
            } finally {
                client.shutdown();
            }
        }
    }
}
