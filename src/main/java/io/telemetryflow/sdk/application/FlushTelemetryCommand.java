package io.telemetryflow.sdk.application;

import java.time.Duration;

/**
 * Exports everything buffered, waiting at most {@code timeout}; handling it returns whether
 * every signal was flushed within the bound.
 *
 * @param timeout upper bound of the wait, positive
 */
public record FlushTelemetryCommand(Duration timeout) implements Command<Boolean> {

    /** Validates. */
    public FlushTelemetryCommand {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("flush timeout must be positive");
        }
    }

    /** Flush with a 10 second bound. */
    public static FlushTelemetryCommand of() {
        return new FlushTelemetryCommand(Duration.ofSeconds(10));
    }
}
