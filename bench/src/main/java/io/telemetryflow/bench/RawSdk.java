package io.telemetryflow.bench;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.LogLimits;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.ExemplarFilter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.telemetryflow.devbackend.OtlpReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw OpenTelemetry SDK floor, written by hand with the client's default configuration:
 * batch span and log processors (delay 10 s, batch 512, queue 2048, exporter timeout 30 s × 4),
 * a periodic metric reader (10 s, trace-based exemplars), attribute values bounded as by default
 * ({@link Bench#ATTRIBUTE_VALUE_LENGTH}: with any bound, OpenTelemetry re-checks each span event's
 * attributes), OTLP exporters with the TelemetryFlow headers, uncompressed (the client's {@code auto} to
 * this loopback receiver), 30 s timeout and the same retry policy, pointed at the local {@link OtlpReceiver};
 * OTLP/HTTP goes through the JDK HttpClient sender, as in the client. No TelemetryFlow class is used
 * (but for the library's default second boundaries, a list of numbers); with {@code -Dbench.pipeline=discard}
 * the exporters are {@link DiscardingExporters}.
 */
final class RawSdk {

    private static final String JDK_HTTP_SENDER =
        "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider";

    private RawSdk() {
    }

    static OpenTelemetrySdk create(OtlpReceiver receiver, boolean grpc) {
        return create(receiver, grpc, false);
    }

    /** As {@link #create(OtlpReceiver, boolean)}, gzip on or off (on gRPC; OTLP/HTTP stays uncompressed). */
    static OpenTelemetrySdk create(OtlpReceiver receiver, boolean grpc, boolean gzip) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
            .put("service.name", Bench.SERVICE)
            .put("service.version", Bench.SERVICE_VERSION)
            .put("service.namespace", Bench.NAMESPACE)
            .put("deployment.environment.name", Bench.ENVIRONMENT)
            .build()));
        Duration exporterTimeout = Bench.TIMEOUT.multipliedBy(Bench.MAX_RETRIES + 1L);
        BatchSpanProcessor spans = BatchSpanProcessor.builder(spanExporter(receiver, grpc, gzip))
            .setScheduleDelay(Bench.BATCH_DELAY)
            .setMaxExportBatchSize(Bench.BATCH_MAX_SIZE)
            .setMaxQueueSize(Bench.MAX_QUEUE_SIZE)
            .setExporterTimeout(exporterTimeout)
            .build();
        PeriodicMetricReader reader = PeriodicMetricReader.builder(metricExporter(receiver, grpc, gzip))
            .setInterval(Bench.BATCH_DELAY)
            .setExporterTimeout(exporterTimeout)
            .build();
        BatchLogRecordProcessor logs = BatchLogRecordProcessor.builder(logExporter(receiver, grpc, gzip))
            .setScheduleDelay(Bench.BATCH_DELAY)
            .setMaxExportBatchSize(Bench.BATCH_MAX_SIZE)
            .setMaxQueueSize(Bench.MAX_QUEUE_SIZE)
            .setExporterTimeout(exporterTimeout)
            .build();
        return OpenTelemetrySdk.builder()
            .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
                W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
            .setTracerProvider(SdkTracerProvider.builder().setResource(resource)
                .setSpanLimits(SpanLimits.builder().setMaxAttributeValueLength(Bench.ATTRIBUTE_VALUE_LENGTH).build())
                .addSpanProcessor(spans).build())
            .setMeterProvider(SdkMeterProvider.builder().setResource(resource)
                .setExemplarFilter(ExemplarFilter.traceBased()).registerMetricReader(reader).build())
            .setLoggerProvider(SdkLoggerProvider.builder().setResource(resource)
                .setLogLimits(() -> LogLimits.builder().setMaxAttributeValueLength(Bench.ATTRIBUTE_VALUE_LENGTH).build())
                .addLogRecordProcessor(logs).build())
            .build();
    }

    static SpanExporter spanExporter(OtlpReceiver receiver, boolean grpc) {
        return spanExporter(receiver, grpc, grpc);
    }

    static SpanExporter spanExporter(OtlpReceiver receiver, boolean grpc, boolean gzip) {
        if (Bench.DISCARD_PIPELINE) {
            return DiscardingExporters.spans();
        }
        if (grpc) {
            var b = OtlpGrpcSpanExporter.builder().setEndpoint(receiver.grpcEndpoint()).setTimeout(Bench.TIMEOUT)
                .setCompression(gzip ? "gzip" : "none").setRetryPolicy(retryPolicy());
            Bench.exportHeaders().forEach(b::addHeader);
            return b.build();
        }
        var b = OtlpHttpSpanExporter.builder().setEndpoint(receiver.httpUrl("/v2/traces")).setTimeout(Bench.TIMEOUT)
            .setCompression("none").setRetryPolicy(retryPolicy()).setComponentLoader(jdkSender());
        Bench.exportHeaders().forEach(b::addHeader);
        return b.build();
    }

    private static MetricExporter metricExporter(OtlpReceiver receiver, boolean grpc, boolean gzip) {
        if (Bench.DISCARD_PIPELINE) {
            return DiscardingExporters.metrics();
        }
        if (grpc) {
            var b = OtlpGrpcMetricExporter.builder().setEndpoint(receiver.grpcEndpoint()).setTimeout(Bench.TIMEOUT)
                .setCompression(gzip ? "gzip" : "none").setRetryPolicy(retryPolicy());
            Bench.exportHeaders().forEach(b::addHeader);
            return b.build();
        }
        var b = OtlpHttpMetricExporter.builder().setEndpoint(receiver.httpUrl("/v2/metrics")).setTimeout(Bench.TIMEOUT)
            .setCompression("none").setRetryPolicy(retryPolicy()).setComponentLoader(jdkSender());
        Bench.exportHeaders().forEach(b::addHeader);
        return b.build();
    }

    private static LogRecordExporter logExporter(OtlpReceiver receiver, boolean grpc, boolean gzip) {
        if (Bench.DISCARD_PIPELINE) {
            return DiscardingExporters.logs();
        }
        if (grpc) {
            var b = OtlpGrpcLogRecordExporter.builder().setEndpoint(receiver.grpcEndpoint()).setTimeout(Bench.TIMEOUT)
                .setCompression(gzip ? "gzip" : "none").setRetryPolicy(retryPolicy());
            Bench.exportHeaders().forEach(b::addHeader);
            return b.build();
        }
        var b = OtlpHttpLogRecordExporter.builder().setEndpoint(receiver.httpUrl("/v2/logs")).setTimeout(Bench.TIMEOUT)
            .setCompression("none").setRetryPolicy(retryPolicy()).setComponentLoader(jdkSender());
        Bench.exportHeaders().forEach(b::addHeader);
        return b.build();
    }

    /**
     * What {@code @Timed} records into, by hand: a histogram in seconds with the library's default second
     * boundaries (its instruments' advice), on {@code sdk}'s meter {@code scope}.
     */
    static DoubleHistogram secondsHistogram(OpenTelemetrySdk sdk, String scope, String name) {
        return sdk.getMeter(scope).histogramBuilder(name).setUnit("s")
            .setExplicitBucketBoundariesAdvice(io.telemetryflow.sdk.domain.HistogramBuckets.SECONDS).build();
    }

    /** The client's retry policy for its defaults: 3 retries, 5 s initial backoff, ×2, capped at 40 s. */
    private static RetryPolicy retryPolicy() {
        return RetryPolicy.builder().setMaxAttempts(Bench.MAX_RETRIES + 1)
            .setInitialBackoff(Bench.RETRY_BACKOFF).setMaxBackoff(Bench.RETRY_BACKOFF.multipliedBy(8))
            .setBackoffMultiplier(2.0).build();
    }

    /** Offers only the JDK HttpClient sender for OTLP/HTTP (the client's choice), everything else as found. */
    private static ComponentLoader jdkSender() {
        ComponentLoader all = ComponentLoader.forClassLoader(RawSdk.class.getClassLoader());
        return new ComponentLoader() {
            @Override
            public <T> Iterable<T> load(Class<T> spiClass) {
                Iterable<T> found = all.load(spiClass);
                if (spiClass != HttpSenderProvider.class) {
                    return found;
                }
                List<T> jdk = new ArrayList<>();
                for (T p : found) {
                    if (p.getClass().getName().equals(JDK_HTTP_SENDER)) {
                        jdk.add(p);
                    }
                }
                return jdk.isEmpty() ? found : jdk;
            }
        };
    }
}
