package io.telemetryflow.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedMetric;
import io.telemetryflow.sdk.domain.Protocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OpenTelemetry's own {@code otel.sdk.*} metrics stay out of the application's unless switched on. */
class SelfMetricsTest {

    private static final String COLLECTION_DURATION = "otel.sdk.metric_reader.collection.duration";

    @ParameterizedTest(name = "self metrics {0}")
    @ValueSource(booleans = {false, true})
    void openTelemetrysOwnMetricsOnlyWhenAskedFor(boolean selfMetrics) {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC)
                .configure(c -> c.selfMetrics(selfMetrics)).build().initialize();
            try {
                for (int i = 0; i < 3; i++) { // the reader times a collection after it: the next export carries it
                    client.incrementCounter("app.calls");
                    assertThat(client.flush()).isTrue();
                }
                // three metric exports have arrived, each with the application's counter
                receiver.awaitMetric("app.calls", m -> receiver.metrics().stream()
                    .filter(x -> x.name().equals("app.calls")).count() >= 3, SdkTestClients.WAIT);
                if (selfMetrics) {
                    receiver.awaitMetric(COLLECTION_DURATION, SdkTestClients.WAIT);
                } else {
                    assertThat(receiver.metrics()).extracting(ReceivedMetric::name)
                        .contains("app.calls").noneMatch(name -> name.startsWith("otel.sdk."));
                }
            } finally {
                client.shutdown();
            }
        }
    }
}
