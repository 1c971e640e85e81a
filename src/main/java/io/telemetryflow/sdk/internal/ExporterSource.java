package io.telemetryflow.sdk.internal;

import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the pipeline's innermost exporters come from: OTLP ({@link OtlpExporterFactory}) unless a
 * substitute is registered as a service of this interface and {@link #active() active}. Not API: it
 * exists so that bench/ can put a discarding exporter under both its floor and the SDK's own pipeline
 * (health accounting, limits, retry buffer, batch processors all still run), which a micro benchmark on
 * two cores needs — a live export takes the cores it measures. Applications have no use for it.
 */
public interface ExporterSource {

    /** The span exporter. */
    SpanExporter spanExporter();

    /** The metric exporter. */
    MetricExporter metricExporter();

    /** The log record exporter. */
    LogRecordExporter logRecordExporter();

    /** Whether a registered substitute is to be used (a substitute may be on the class path but off). */
    default boolean active() {
        return true;
    }

    /** The exporters for {@code config}: an active registered substitute (logged), else OTLP. */
    static ExporterSource forConfig(TelemetryConfig config) {
        try {
            for (ExporterSource s : ServiceLoader.load(ExporterSource.class, ExporterSource.class.getClassLoader())) {
                if (s.active()) {
                    Logger.getLogger(ExporterSource.class.getName()).log(Level.WARNING,
                        "TelemetryFlow: exporters substituted by {0}; nothing is sent to {1}",
                        new Object[] {s.getClass().getName(), config.endpoint()});
                    return s;
                }
            }
        } catch (ServiceConfigurationError e) {
            Logger.getLogger(ExporterSource.class.getName()).log(Level.FINE, "no exporter substitute", e);
        }
        return new OtlpExporterFactory(config);
    }
}
