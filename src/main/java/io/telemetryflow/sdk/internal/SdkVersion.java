package io.telemetryflow.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This SDK's version, as the build wrote it into {@code version.properties}, and which of its builds runs. */
public final class SdkVersion {

    /** The version, e.g. {@code 1.0.0}; {@code unknown} if the resource is missing (a repackaged jar). */
    public static final String VALUE = read("version");

    /** The OpenTelemetry (SDK) version this SDK is built with: the oldest it runs on. */
    public static final String OPENTELEMETRY = read("opentelemetry.version");

    /** The opentelemetry-instrumentation version the SDK's JVM metrics module is built for. */
    public static final String INSTRUMENTATION = read("instrumentation.version");

    /**
     * Whether this is the isolated build ({@code telemetryflow-java-sdk-isolated}), whose OpenTelemetry
     * is relocated under {@code io.telemetryflow.shaded}. Asked of a class rather than written as a
     * string of OpenTelemetry's package: the relocation rewrites such strings too.
     */
    public static final boolean ISOLATED = io.opentelemetry.api.OpenTelemetry.class.getName().startsWith("io.telemetryflow.");

    private SdkVersion() {
    }

    private static String read(String key) {
        try (InputStream in = SdkVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty(key, "").trim();
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: the version is informative only
        }
        return "unknown";
    }
}
