package io.telemetryflow.sdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedExport;
import io.telemetryflow.devbackend.Signal;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A backend a long round trip away (it answers each export a second after receiving it): the export
 * pipeline puts the next batch on the wire while the previous one waits for its answer — two at most — so
 * a signal is not capped at one batch per round trip, and nothing is lost or miscounted on the way.
 */
class SlowBackendTest {

    private static final Duration ROUND_TRIP = Duration.ofSeconds(1);

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void twoBatchesTravelTogetherAndAThirdWaitsForAnAnswer(Protocol protocol) {
        OtlpReceiver receiver = OtlpReceiver.start().answerAfter(ROUND_TRIP);
        // batches of 10 that only fill up, never time out: 30 spans are exactly three batches
        TelemetryClient client = Reliability.builder(protocol, receiver).signals(false, false, true)
            .batch(Duration.ofSeconds(60), 10).build().initialize();
        try {
            for (int i = 0; i < 30; i++) {
                client.endSpan(client.startSpan("slow-backend-span-" + i));
            }
            receiver.awaitSpans(30, Reliability.WAIT);
            assertThat(client.flush(Reliability.WAIT)).isTrue();

            List<ReceivedExport> batches = receiver.exports().stream()
                .filter(e -> e.signal() == Signal.TRACES).toList();
            assertThat(batches).hasSize(3);
            Duration secondAfterFirst = Duration.between(batches.get(0).receivedAt(), batches.get(1).receivedAt());
            Duration thirdAfterFirst = Duration.between(batches.get(0).receivedAt(), batches.get(2).receivedAt());
            System.out.printf("[reliability] %s, answers after %d ms: batch 2 arrived %d ms after batch 1, batch 3"
                + " %d ms after it%n", protocol, ROUND_TRIP.toMillis(), secondAfterFirst.toMillis(),
                thirdAfterFirst.toMillis());
            assertThat(secondAfterFirst).as("the second batch was sent before the first was answered")
                .isLessThan(ROUND_TRIP);
            assertThat(thirdAfterFirst).as("the third waited for an answer: two on the wire at most")
                .isGreaterThanOrEqualTo(ROUND_TRIP);

            SignalHealth h = client.health().signals().get(SignalType.TRACES);
            assertThat(h.exported()).isEqualTo(30);
            assertThat(h.failed() + h.dropped() + h.queued() + h.buffered()).isZero();
            assertThat(h.balanced()).isTrue();
        } finally {
            client.shutdown(Duration.ofSeconds(5));
            receiver.stop();
        }
    }
}
