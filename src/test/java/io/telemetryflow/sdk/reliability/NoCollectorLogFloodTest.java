package io.telemetryflow.sdk.reliability;

import static io.telemetryflow.sdk.reliability.Reliability.awaitHealth;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.internal.ExportHealth;
import io.telemetryflow.sdk.internal.OpenTelemetryLogFilter;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The known pain point: no collector running. Every export of every signal fails, every 100 ms.
 * Left alone, OpenTelemetry would log each failure (the metric reader an unthrottled WARNING per
 * interval, the exporters up to 5 SEVERE stack traces per minute each); with the SDK's filter
 * the log gets one TelemetryFlow line per signal and at most one line per OpenTelemetry logger
 * per minute, and everything else is in {@code health()}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NoCollectorLogFloodTest {

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void failuresAreCountedNotFloodedIntoTheLog(Protocol protocol) {
        OtlpReceiver probe = OtlpReceiver.start();
        probe.stop(); // a port with nobody listening: connection refused on every export
        TelemetryClient client = Reliability.builder(protocol, protocol == Protocol.GRPC ? probe.grpcPort() : probe.httpPort())
            .timeout(Duration.ofSeconds(2))
            .retry(false, 0, Duration.ofMillis(100))
            .batch(Duration.ofMillis(100), 512)
            .build().initialize();
        long suppressedBefore = OpenTelemetryLogFilter.suppressedCount();
        try (LogCapture logs = LogCapture.start()) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
            int rounds = 0;
            while (System.nanoTime() < end) {
                client.endSpan(client.startSpan("flood.span"));
                client.logInfo("flood-log", Map.of("round", rounds));
                client.incrementCounter("flood.counter");
                rounds++;
                Reliability.sleep(20);
            }
            HealthStatus health = awaitHealth(client, h -> h.signals().get(SignalType.METRICS).failed() > 0
                && h.signals().get(SignalType.TRACES).failed() > 0 && h.signals().get(SignalType.LOGS).failed() > 0,
                Duration.ofSeconds(10), "failed exports of every signal");
            long demoted = OpenTelemetryLogFilter.suppressedCount() - suppressedBefore;

            List<LogRecord> warnings = logs.warnings();
            Map<String, Long> perLogger = warnings.stream()
                .collect(Collectors.groupingBy(LogRecord::getLoggerName, Collectors.counting()));
            System.out.printf(java.util.Locale.ROOT, "[reliability] %s no collector for 2.5 s: %d record rounds,"
                + " failed %s; %d WARNING+ lines logged %s; %d OpenTelemetry failure lines demoted to FINE%n",
                protocol, rounds, health.signals().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().failed()).toList(),
                warnings.size(), perLogger, demoted);

            // Ours: exactly one line per signal, at WARNING.
            assertThat(logs.warningsOf(ExportHealth.class.getName())).hasSize(3);
            // OpenTelemetry's: at most one per logger per minute.
            assertThat(perLogger).allSatisfy((logger, n) -> {
                if (logger.startsWith("io.opentelemetry")) {
                    assertThat(n).as(logger).isLessThanOrEqualTo(1L);
                }
            });
            assertThat(warnings).as("all WARNING+ lines: %s", perLogger).hasSizeLessThanOrEqualTo(3 + 4);
            // ... although OpenTelemetry tried to log many more (one per metric interval alone).
            assertThat(demoted).as("OpenTelemetry failure lines that the filter demoted").isGreaterThanOrEqualTo(10);
            assertThat(logs.records().stream().filter(r -> r.getLevel() == Level.FINE)).isEmpty(); // FINE stays off
            assertThat(logs.allText()).doesNotContain(Reliability.SECRET);

            assertThat(health.status()).isEqualTo(HealthStatus.State.UNHEALTHY);
            assertThat(health.lastError()).hasValueSatisfying(e -> assertThat(e).containsIgnoringCase("connect"));
        } finally {
            client.shutdown(Duration.ofSeconds(2));
        }
    }
}
