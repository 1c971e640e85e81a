package io.telemetryflow.sdk.internal;

import io.telemetryflow.sdk.TelemetryClient;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the integrations of this library (the CDI layer) reach the running SDK behind a
 * {@link TelemetryClient}, without {@code TelemetryClient} offering an internal type in its public API.
 *
 * <p>The JDK's "shared secrets" pattern: {@code TelemetryClient}'s static initializer hands over a
 * function once. No ordering can go wrong: asking needs a {@code TelemetryClient} instance, and an
 * instance exists only after its class was initialized. Not for applications: internal, may change.
 */
public final class ClientInternals {

    private static volatile Function<TelemetryClient, TelemetryRuntime> runtimeOf;

    private ClientInternals() {
    }

    /** Called once, by {@code TelemetryClient}'s static initializer. */
    public static void install(Function<TelemetryClient, TelemetryRuntime> accessor) {
        Objects.requireNonNull(accessor, "accessor");
        synchronized (ClientInternals.class) {
            if (runtimeOf != null) {
                throw new IllegalStateException("ClientInternals is installed by TelemetryClient only");
            }
            runtimeOf = accessor;
        }
    }

    /** The running SDK of {@code client}, or {@code null} when it is disabled, not initialized or shut down. */
    public static TelemetryRuntime runtime(TelemetryClient client) {
        return runtimeOf.apply(client);
    }
}
