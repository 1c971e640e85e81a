package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;

/**
 * The OpenTelemetry SDK on the class path against the one this SDK is built with. A runtime's BOM
 * (quarkus-bom 3.33 manages 1.57) can put an older one there; the SDK then fails at its first use of
 * a newer API with a {@code NoSuchMethodError} deep in an export thread. Checked before anything is
 * built, so the start fails at once with the fix instead.
 */
public final class OpenTelemetryVersion {

    private static final AttributeKey<String> TELEMETRY_SDK_VERSION = AttributeKey.stringKey("telemetry.sdk.version");

    private OpenTelemetryVersion() {
    }

    /**
     * Throws when the OpenTelemetry SDK found is older than the one this SDK is built with.
     *
     * @throws IllegalStateException naming both versions and the fixes
     */
    public static void requireSupported() {
        if (SdkVersion.ISOLATED) {
            return; // its OpenTelemetry is the relocated copy it was built with
        }
        String problem = problem(Resource.getDefault().getAttribute(TELEMETRY_SDK_VERSION), SdkVersion.OPENTELEMETRY);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** What is wrong with {@code found} given {@code required}, or {@code null} if it will do (or is unknown). */
    static String problem(String found, String required) {
        if (found == null || found.isBlank() || "unknown".equals(required) || compare(found, required) >= 0) {
            return null;
        }
        return "the application's OpenTelemetry SDK " + found + " is older than " + required + ", the one TelemetryFlow"
            + " SDK needs (a BOM such as quarkus-bom, or a server's own copy seen first, brings an older one): import"
            + " io.opentelemetry:opentelemetry-bom:"
            + required + " before that BOM, or depend on io.telemetryflow:telemetryflow-java-sdk-isolated instead"
            + " (it brings its own OpenTelemetry, relocated)";
    }

    /** Compares the leading numeric parts ({@code 1.57.0} &lt; {@code 1.68.0}; {@code 1.68.0-alpha} = {@code 1.68.0}). */
    static int compare(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(number(x, i), number(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int number(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
