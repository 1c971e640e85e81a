package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JVM's runtime metrics through OpenTelemetry's runtime-telemetry module: memory, GC, threads,
 * classes and CPU under the semantic-convention names ({@code jvm.memory.used}, {@code jvm.thread.count},
 * …). Closed with the runtime, which removes its callbacks and GC listeners (a redeployed application
 * leaves none behind).
 */
final class RuntimeMetrics implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RuntimeMetrics.class.getName());

    private final AutoCloseable telemetry;

    private RuntimeMetrics(AutoCloseable telemetry) {
        this.telemetry = telemetry;
    }

    /** Starts the JVM metrics on {@code openTelemetry}; on a JVM where that fails, warns once and records none. */
    static RuntimeMetrics start(OpenTelemetry openTelemetry) {
        try {
            return new RuntimeMetrics(RuntimeTelemetry.create(openTelemetry));
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "TelemetryFlow: JVM runtime metrics are unavailable on this JVM ("
                + e.getClass().getName() + ": " + e.getMessage() + "); the application's own telemetry is unaffected");
            return new RuntimeMetrics(null);
        }
    }

    @Override
    public void close() {
        if (telemetry != null) {
            try {
                telemetry.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "TelemetryFlow: closing the JVM runtime metrics failed", e);
            }
        }
    }
}
