package io.telemetryflow.cdi.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a telemetry failure once per distinct key: instrumentation must never flood the
 * application's log nor throw into business code.
 */
public final class LogOnce {

    private static final Logger LOG = Logger.getLogger("io.telemetryflow.cdi");
    private static final int MAX_KEYS = 1000;
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private LogOnce() {
    }

    /** Logs {@code what} failed with {@code error}, the first time for {@code key} only. */
    public static void warn(String key, String what, Throwable error) {
        message(key, what + " failed; telemetry for it is skipped, the call is unaffected (logged once): "
            + error.getClass().getName() + ": " + error.getMessage());
    }

    /** Logs {@code message} as a warning, the first time for {@code key} only. */
    public static void message(String key, String message) {
        if (SEEN.size() < MAX_KEYS && SEEN.add(key)) {
            LOG.log(Level.WARNING, "TelemetryFlow: " + message);
        }
    }
}
