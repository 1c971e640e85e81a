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
    private static final String INSTRUMENTATION_VERSION = SdkVersion.INSTRUMENTATION;

    private final AutoCloseable telemetry;

    private RuntimeMetrics(AutoCloseable telemetry) {
        this.telemetry = telemetry;
    }

    /**
     * Starts the JVM metrics on {@code openTelemetry}; where that fails (an unusual JVM, or a runtime
     * whose own OpenTelemetry classes clash with the module's), warns and records none: the
     * application's own telemetry is never held back by them.
     */
    static RuntimeMetrics startOrNull(OpenTelemetry openTelemetry) {
        try {
            return new RuntimeMetrics(Starter.start(openTelemetry));
        } catch (RuntimeException | LinkageError e) {
            StackTraceElement[] at = e.getStackTrace();
            String missing = String.valueOf(e.getMessage());
            String fix = missing.startsWith("io/opentelemetry/instrumentation/")
                ? " The application has an older opentelemetry-instrumentation-api than " + INSTRUMENTATION_VERSION
                    + " (a runtime's BOM manages it; quarkus-bom 3.33 pins 2.23): import"
                    + " io.opentelemetry.instrumentation:opentelemetry-instrumentation-bom:" + INSTRUMENTATION_VERSION
                    + " before it, or set telemetryflow.metrics.runtime.enabled=false."
                : missing.startsWith("com/sun/management/")
                ? " The runtime hides the JVM's com.sun.management API from the application (WildFly: add"
                    + " <module name=\"jdk.management\"/> to jboss-deployment-structure.xml)."
                : "";
            LOG.log(Level.WARNING, "TelemetryFlow: JVM runtime metrics are unavailable here (" + e.getClass().getName()
                + ": " + e.getMessage() + (at.length > 0 ? " at " + at[0] : "") + ")." + fix
                + " The application's own telemetry is unaffected.");
            return null;
        }
    }

    /** The one place that names the module's classes, so that loading them fails inside the try above. */
    private static final class Starter {
        static AutoCloseable start(OpenTelemetry openTelemetry) {
            return RuntimeTelemetry.create(openTelemetry);
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
