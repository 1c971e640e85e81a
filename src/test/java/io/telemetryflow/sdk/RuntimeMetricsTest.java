package io.telemetryflow.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedMetric;
import io.telemetryflow.sdk.domain.Protocol;
import org.junit.jupiter.api.Test;

/** The JVM's runtime metrics, with the names MicroProfile Telemetry 2 requires, on by default. */
class RuntimeMetricsTest {

    @Test
    void jvmMetricsArriveWithTheFirstExport() {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC).build().initialize();
            try {
                assertThat(client.flush()).isTrue();
                ReceivedMetric used = receiver.awaitMetric("jvm.memory.used", SdkTestClients.WAIT);
                assertThat(used.unit()).isEqualTo("By");
                assertThat(used.dataPointAttributes()).anySatisfy(a -> assertThat(a).containsKeys("jvm.memory.type",
                    "jvm.memory.pool.name"));
                ReceivedMetric threads = receiver.awaitMetric("jvm.thread.count", SdkTestClients.WAIT);
                assertThat(threads.metric().getSum().getDataPointsList().stream().mapToLong(p -> p.getAsInt()).sum())
                    .as("at least this thread").isGreaterThanOrEqualTo(1);
                assertThat(receiver.metrics()).extracting(ReceivedMetric::name)
                    .contains("jvm.memory.committed", "jvm.class.loaded", "jvm.cpu.time", "jvm.cpu.count");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void theSwitchTurnsThemOff() {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            TelemetryClient client = SdkTestClients.builder(receiver, Protocol.GRPC)
                .configure(c -> c.runtimeMetrics(false)).build().initialize();
            try {
                client.incrementCounter("app.calls");
                assertThat(client.flush()).isTrue();
                receiver.awaitMetric("app.calls", SdkTestClients.WAIT);
                assertThat(receiver.metrics()).extracting(ReceivedMetric::name).noneMatch(n -> n.startsWith("jvm."));
            } finally {
                client.shutdown();
            }
        }
    }
}
