package io.telemetryflow.sdk.reliability;

import static io.telemetryflow.sdk.reliability.Reliability.awaitHealth;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.internal.ExportHealth;
import io.telemetryflow.sdk.internal.OpenTelemetryLogFilter;
import io.telemetryflow.devbackend.FaultMode;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backend answers with an error status. Retried only where a retry can help (OTLP: HTTP
 * 429/502/503/504, gRPC UNAVAILABLE/RESOURCE_EXHAUSTED/...), not for rejected credentials or a
 * bad request — counted at the receiver; counted as failed; visible in {@code health()} (state and
 * a secret-free last error); logged at most once per interval, however many exports fail.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ErrorStatusTest {

    private static final int MAX_RETRIES = 2;
    private static final int EXPORTS = 4;

    private static OtlpReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = OtlpReceiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @BeforeEach
    void reset() {
        receiver.respondWith(FaultMode.ACCEPT);
        receiver.clear();
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
            Arguments.of(Protocol.HTTP, FaultMode.httpStatus(401), false, "HTTP status 401"),
            Arguments.of(Protocol.HTTP, FaultMode.httpStatus(429), true, "HTTP status 429"),
            Arguments.of(Protocol.HTTP, FaultMode.httpStatus(503), true, "HTTP status 503"),
            Arguments.of(Protocol.HTTP, FaultMode.httpStatus(500), false, "HTTP status 500"),
            Arguments.of(Protocol.GRPC, FaultMode.grpcStatus(Status.Code.UNAVAILABLE), true, "gRPC status UNAVAILABLE"),
            Arguments.of(Protocol.GRPC, FaultMode.grpcStatus(Status.Code.UNAUTHENTICATED), false,
                "gRPC status UNAUTHENTICATED"));
    }

    @ParameterizedTest(name = "{0} {1}: retried={2}")
    @MethodSource("statuses")
    void errorStatusIsRetriedOnlyWhereItHelpsCountedVisibleAndLoggedOnce(Protocol protocol, FaultMode fault,
                                                                           boolean retryable, String expectedError) {
        receiver.respondWith(fault);
        long suppressedBefore = OpenTelemetryLogFilter.suppressedCount();
        TelemetryClient client = Reliability.builder(protocol, receiver)
            .signals(false, false, true)
            .timeout(Duration.ofSeconds(5))
            .retry(true, MAX_RETRIES, Duration.ofMillis(100))
            .batch(Duration.ofMillis(50), 512)
            .build().initialize();
        try (LogCapture logs = LogCapture.start()) {
            for (int k = 1; k <= EXPORTS; k++) {
                client.endSpan(client.startSpan("error.span." + k));
                client.flush(Duration.ofSeconds(5));
                int done = k;
                // retryable: kept in the retry buffer (re-sent until the backend answers); else failed for good
                awaitHealth(client, h -> (retryable ? h.signals().get(SignalType.TRACES).buffered()
                        : h.signals().get(SignalType.TRACES).failed()) == done, Duration.ofSeconds(10),
                    done + (retryable ? " buffered spans" : " failed span exports"));
            }

            // Attempts as seen by the receiver: one per export where retrying cannot help; where it can,
            // the buffer keeps re-sending the backlog with backoff (at least one attempt).
            if (retryable) {
                assertThat(receiver.rejectedCount()).as("export attempts at the receiver").isGreaterThanOrEqualTo(1);
            } else {
                assertThat(receiver.rejectedCount()).as("export attempts at the receiver").isEqualTo(EXPORTS);
            }
            assertThat(receiver.exports()).isEmpty();

            HealthStatus health = client.health();
            SignalHealth traces = health.signals().get(SignalType.TRACES);
            assertThat(traces.failed()).isEqualTo(retryable ? 0 : EXPORTS);
            assertThat(traces.buffered()).isEqualTo(retryable ? EXPORTS : 0);
            assertThat(traces.exported()).isZero();
            assertThat(traces.recorded()).isEqualTo(EXPORTS);
            assertThat(traces.balanced()).isTrue();
            assertThat(health.status()).isEqualTo(HealthStatus.State.UNHEALTHY);
            assertThat(health.lastSuccessfulExport()).isEmpty();
            assertThat(health.lastError()).hasValueSatisfying(e -> assertThat(e).contains(expectedError));
            assertThat(health.toString()).doesNotContain(Reliability.SECRET);

            // Logged at most once per interval: one line of ours for the signal, and at most one per
            // OpenTelemetry logger (the filter demotes the rest to FINE), none with the secret.
            List<LogRecord> ours = logs.warningsOf(ExportHealth.class.getName());
            assertThat(ours).as("TelemetryFlow export-failure lines").hasSize(1);
            assertThat(logs.text(ours.get(0))).contains("spans").contains(expectedError);
            Map<String, Long> perOtelLogger = logs.warningsOf("io.opentelemetry").stream()
                .collect(Collectors.groupingBy(LogRecord::getLoggerName, Collectors.counting()));
            assertThat(perOtelLogger.values()).as("OpenTelemetry warnings per logger " + perOtelLogger)
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1L));
            assertThat(logs.allText()).doesNotContain(Reliability.SECRET);
            if (retryable) {
                // the backend recovers: everything buffered arrives, nothing was lost
                receiver.respondWith(FaultMode.ACCEPT);
                assertThat(client.flush(Duration.ofSeconds(20))).isTrue();
                receiver.awaitSpans(EXPORTS, Duration.ofSeconds(10));
                SignalHealth after = client.health().signals().get(SignalType.TRACES);
                assertThat(after.exported()).isEqualTo(EXPORTS);
                assertThat(after.buffered()).isZero();
                assertThat(after.balanced()).isTrue();
            }
            System.out.printf(java.util.Locale.ROOT, "[reliability] %s %s: %d attempts for %d exports, lastError '%s',"
                + " %d WARNING+ lines logged (%d OpenTelemetry lines demoted to FINE)%n",
                protocol, fault, receiver.rejectedCount(), EXPORTS, health.lastError().orElse(""),
                logs.warnings().size(), OpenTelemetryLogFilter.suppressedCount() - suppressedBefore);
        } finally {
            client.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void healthFollowsTheBackendHealthyDegradedUnhealthyAndBack() {
        TelemetryClient client = Reliability.builder(Protocol.HTTP, receiver)
            .signals(false, false, true)
            .timeout(Duration.ofSeconds(5))
            .retry(true, 1, Duration.ofMillis(50))
            .batch(Duration.ofMillis(50), 512)
            .build().initialize();
        try {
            assertThat(client.health().status()).as("nothing exported yet").isEqualTo(HealthStatus.State.HEALTHY);

            exportOneSpan(client, "ok.1");
            HealthStatus ok = awaitHealth(client, h -> h.signals().get(SignalType.TRACES).exported() == 1,
                Duration.ofSeconds(10), "a successful export");
            assertThat(ok.status()).isEqualTo(HealthStatus.State.HEALTHY);
            assertThat(ok.lastSuccessfulExport()).isPresent();

            receiver.respondWith(FaultMode.httpStatus(503));
            exportOneSpan(client, "unavailable");
            // 503 is retryable: the span is kept in the retry buffer
            HealthStatus degraded = awaitHealth(client, h -> h.signals().get(SignalType.TRACES).buffered() == 1,
                Duration.ofSeconds(10), "a buffered export");
            assertThat(degraded.status()).as("failing, but the backend was reached recently")
                .isEqualTo(HealthStatus.State.DEGRADED);
            assertThat(degraded.lastError()).hasValueSatisfying(e -> assertThat(e).contains("503"));

            receiver.respondWith(FaultMode.httpStatus(401));
            exportOneSpan(client, "unauthenticated");
            HealthStatus unhealthy = awaitHealth(client, h -> h.signals().get(SignalType.TRACES).failed() == 2,
                Duration.ofSeconds(10), "a rejected export");
            assertThat(unhealthy.status()).as("credentials rejected: retrying cannot help")
                .isEqualTo(HealthStatus.State.UNHEALTHY);
            assertThat(unhealthy.lastError()).hasValueSatisfying(e -> assertThat(e).contains("401"));

            receiver.respondWith(FaultMode.ACCEPT);
            exportOneSpan(client, "ok.2");
            HealthStatus healed = awaitHealth(client, h -> h.signals().get(SignalType.TRACES).exported() == 2,
                Duration.ofSeconds(10), "a successful export again");
            assertThat(healed.status()).isEqualTo(HealthStatus.State.HEALTHY);
            assertThat(healed.lastSuccessfulExport().get()).isAfter(ok.lastSuccessfulExport().get());
            assertThat(healed.signals().get(SignalType.TRACES).balanced()).isTrue();
        } finally {
            client.shutdown(Duration.ofSeconds(5));
        }
    }

    private static void exportOneSpan(TelemetryClient client, String name) {
        client.endSpan(client.startSpan(name));
        client.flush(Duration.ofSeconds(5));
    }
}
