package io.telemetryflow.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.sdk.domain.TelemetryConfigBuilder;
import org.junit.jupiter.api.Test;

/**
 * The exporters get the compression {@link TelemetryConfig#compression(SignalType)} decides for their
 * own endpoint. A remote endpoint cannot be reached from a test (servers bind to 127.0.0.1), so
 * this reads what OpenTelemetry's exporters report they were built with; that gzip really goes
 * on the wire when chosen is {@code TelemetryClientExportTest}'s, over real sockets.
 */
class OtlpExporterFactoryCompressionTest {

    private static final String GZIP = "compressorEncoding=gzip";

    private static TelemetryConfigBuilder config() {
        return TelemetryConfig.builder().apiKey("tfk_abc", "tfs_" + "0".repeat(32)).serviceName("orders");
    }

    @Test
    void autoGzipsGrpcToARemoteHostAndNotToALoopbackOne() {
        assertThat(describeAll(config().endpoint("collector.example.com:4317").build()))
            .as("remote gRPC").allMatch(d -> d.contains(GZIP));
        assertThat(describeAll(config().endpoint("localhost:4317").insecure(true).build()))
            .as("loopback gRPC").noneMatch(d -> d.contains(GZIP));
        assertThat(describeAll(config().endpoint("collector.example.com:4318").protocol(Protocol.HTTP).build()))
            .as("remote HTTP").noneMatch(d -> d.contains(GZIP));
    }

    @Test
    void eachSignalsExporterFollowsItsOwnEndpoint() {
        String[] d = describeAll(config().endpoint("127.0.0.1:4317").insecure(true)
            .signalEndpoint(SignalType.TRACES, "https://collector.example.com:4317").build());
        assertThat(d[0]).as("traces, remote").contains(GZIP);
        assertThat(d[1]).as("metrics, loopback").doesNotContain(GZIP);
        assertThat(d[2]).as("logs, loopback").doesNotContain(GZIP);
    }

    /** The span, metric and log exporters' own descriptions (built, never connected), then shut down. */
    private static String[] describeAll(TelemetryConfig config) {
        OtlpExporterFactory factory = new OtlpExporterFactory(config);
        SpanExporter spans = factory.spanExporter();
        MetricExporter metrics = factory.metricExporter();
        LogRecordExporter logs = factory.logRecordExporter();
        try {
            return new String[] {spans.toString(), metrics.toString(), logs.toString()};
        } finally {
            spans.shutdown();
            metrics.shutdown();
            logs.shutdown();
        }
    }
}
