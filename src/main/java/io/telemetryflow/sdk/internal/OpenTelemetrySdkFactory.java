package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.OpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.logs.LogLimits;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.ExemplarFilter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.telemetryflow.sdk.domain.Propagation;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the OpenTelemetry SDK for a configuration: one provider per enabled signal, each with
 * the SDK's own batching (bounded queues) and an OTLP exporter wrapped for health accounting.
 *
 * <p>The SDK is not registered as {@code GlobalOpenTelemetry}: an application server may own
 * the global instance, and two SDK instances in one JVM (tests, several deployments) must not
 * fight over it.
 */
public final class OpenTelemetrySdkFactory {

    private static final String SELF_METRICS = "otel.sdk.*";

    private OpenTelemetrySdkFactory() {
    }

    /** Builds the SDK; providers of disabled signals are left out (their API calls are no-ops). */
    public static OpenTelemetrySdk create(TelemetryConfig config, ExportHealth health) {
        return create(config, health, new RetryBuffers());
    }

    /** Builds the SDK; the span and log exporters keep retryable failures in {@code buffers}. */
    static OpenTelemetrySdk create(TelemetryConfig config, ExportHealth health, RetryBuffers buffers) {
        RetryBuffers.Limits limits = buffers.limits(config);
        ExporterSource exporters = ExporterSource.forConfig(config);
        Resource resource = ResourceFactory.create(config);
        LimitsCut cut = new LimitsCut(config.attributeLengthLimit());
        OpenTelemetrySdkBuilder sdk = OpenTelemetrySdk.builder().setPropagators(propagators(config));

        if (config.isSignalEnabled(SignalType.TRACES)) {
            BatchSpanProcessor processor = BatchSpanProcessor.builder(
                    new HealthTrackingSpanExporter(exporters.spanExporter(), health, limits, cut))
                .setScheduleDelay(config.batchTimeout())
                .setMaxExportBatchSize(config.batchMaxSize())
                .setMaxQueueSize(config.maxQueueSize())
                .setExporterTimeout(RetryBuffers.exportTimeout(config))
                .build();
            sdk.setTracerProvider(SdkTracerProvider.builder().setResource(resource).setSampler(sampler(config))
                .setSpanLimits(SpanLimits.builder().setMaxNumberOfAttributes(config.attributeLimit())
                    .setMaxAttributeValueLength(LimitsCut.sdkValueLengthLimit(config.attributeLengthLimit()))
                    .setMaxNumberOfEvents(config.spanEventLimit()).setMaxNumberOfLinks(config.spanLinkLimit())
                    .setMaxNumberOfAttributesPerEvent(config.attributeLimit())
                    .setMaxNumberOfAttributesPerLink(config.attributeLimit()).build())
                .addSpanProcessor(new CountingSpanProcessor(processor, health)).build());
        }
        if (config.isSignalEnabled(SignalType.METRICS)) {
            PeriodicMetricReader reader = PeriodicMetricReader.builder(
                    new HealthTrackingMetricExporter(exporters.metricExporter(), health))
                .setInterval(config.batchTimeout())
                .setExporterTimeout(RetryBuffers.exportTimeout(config))
                .build();
            SdkMeterProviderBuilder meters = SdkMeterProvider.builder().setResource(resource)
                .setExemplarFilter(config.exemplarsEnabled() ? ExemplarFilter.traceBased() : ExemplarFilter.alwaysOff())
                .registerMetricReader(reader, type -> config.cardinalityLimit());
            // Configured boundaries per histogram name: a view, which wins over an instrument's advice.
            config.histogramBuckets().forEach((name, boundaries) -> meters.registerView(
                InstrumentSelector.builder().setType(InstrumentType.HISTOGRAM).setName(name).build(),
                View.builder().setAggregation(Aggregation.explicitBucketHistogram(boundaries)).build()));
            if (!config.selfMetricsEnabled()) {
                // OpenTelemetry's own instruments (otel.sdk.*, e.g. the reader's collection duration):
                // noise among the application's metrics unless asked for.
                meters.registerView(InstrumentSelector.builder().setName(SELF_METRICS).build(),
                    View.builder().setAggregation(Aggregation.drop()).build());
            }
            sdk.setMeterProvider(meters.build());
        }
        if (config.isSignalEnabled(SignalType.LOGS)) {
            BatchLogRecordProcessor processor = BatchLogRecordProcessor.builder(
                    new HealthTrackingLogRecordExporter(exporters.logRecordExporter(), health, limits, cut))
                .setScheduleDelay(config.batchTimeout())
                .setMaxExportBatchSize(config.batchMaxSize())
                .setMaxQueueSize(config.maxQueueSize())
                .setExporterTimeout(RetryBuffers.exportTimeout(config))
                .build();
            sdk.setLoggerProvider(SdkLoggerProvider.builder().setResource(resource)
                .setLogLimits(() -> LogLimits.builder().setMaxNumberOfAttributes(config.attributeLimit())
                    .setMaxAttributeValueLength(LimitsCut.sdkValueLengthLimit(config.attributeLengthLimit())).build())
                .addLogRecordProcessor(new CountingLogRecordProcessor(processor, health)).build());
        }
        return sdk.build();
    }

    /** OpenTelemetry's sampler for the configured one. */
    static Sampler sampler(TelemetryConfig config) {
        double ratio = config.samplingRatio();
        switch (config.sampling()) {
            case ALWAYS_ON: return Sampler.alwaysOn();
            case ALWAYS_OFF: return Sampler.alwaysOff();
            case TRACEIDRATIO: return Sampler.traceIdRatioBased(ratio);
            case PARENTBASED_ALWAYS_OFF: return Sampler.parentBased(Sampler.alwaysOff());
            case PARENTBASED_TRACEIDRATIO: return Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
            default: return Sampler.parentBased(Sampler.alwaysOn());
        }
    }

    /** The configured propagation formats, composed in a fixed order (W3C first). */
    static ContextPropagators propagators(TelemetryConfig config) {
        List<TextMapPropagator> formats = new ArrayList<>();
        for (Propagation p : config.propagators()) {
            switch (p) {
                case TRACECONTEXT: formats.add(W3CTraceContextPropagator.getInstance()); break;
                case BAGGAGE: formats.add(W3CBaggagePropagator.getInstance()); break;
                case B3: formats.add(B3Propagator.injectingSingleHeader()); break;
                default: formats.add(B3Propagator.injectingMultiHeaders()); break;
            }
        }
        return ContextPropagators.create(TextMapPropagator.composite(formats));
    }
}
