package io.telemetryflow.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This SDK's version, as the build wrote it into {@code version.properties}. */
public final class SdkVersion {

    /** The version, e.g. {@code 1.0.0}; {@code unknown} if the resource is missing (a repackaged jar). */
    public static final String VALUE = read("version");

    /** The opentelemetry-instrumentation version the SDK's JVM metrics module is built for. */
    public static final String INSTRUMENTATION = read("instrumentation.version");

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
