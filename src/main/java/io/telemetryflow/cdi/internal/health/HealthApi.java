package io.telemetryflow.cdi.internal.health;

/**
 * Whether the runtime has MicroProfile Health. Names none of its types, so the extensions can ask
 * without loading the API (the classes that implement or register the check do name it).
 */
public final class HealthApi {

    private static final String HEALTH_CHECK = "org.eclipse.microprofile.health.HealthCheck";

    private HealthApi() {
    }

    /** Whether MicroProfile Health is visible from this library's class loader. */
    public static boolean present() {
        try {
            Class.forName(HEALTH_CHECK, false, HealthApi.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
