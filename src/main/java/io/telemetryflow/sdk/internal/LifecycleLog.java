package io.telemetryflow.sdk.internal;

import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.application.HealthStatus.SignalHealth;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import java.net.URI;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The one line logged when the SDK starts (is it active, where does it export, how) and the one
 * logged when it stops (what was exported and lost). Never the secret: only the key id.
 */
final class LifecycleLog {

    private LifecycleLog() {
    }

    /** E.g. {@code TelemetryFlow SDK 1.0.0 started: service orders 2.1.0 (environment production) → https://… over OTLP/gRPC …}. */
    static String started(TelemetryConfig c) {
        StringBuilder sb = new StringBuilder("TelemetryFlow SDK ").append(SdkVersion.VALUE)
            .append(SdkVersion.ISOLATED ? " (isolated)" : "").append(" started: service ")
            .append(c.serviceName()).append(' ').append(c.serviceVersion())
            .append(" (namespace ").append(c.serviceNamespace()).append(", environment ").append(c.environment())
            .append("), signals ").append(signals(c)).append(" to ").append(c.endpoint())
            .append(" over ").append(c.protocol() == Protocol.GRPC ? "OTLP/gRPC" : "OTLP/HTTP")
            .append(c.tls() ? ", TLS" : ", plaintext").append(c.compression() ? ", gzip" : ", uncompressed")
            .append(", API key ").append(c.credentials().keyId());
        for (SignalType s : SignalType.values()) {
            URI own = c.endpoint(s);
            if (c.isSignalEnabled(s) && !own.equals(c.endpoint())) {
                sb.append(", ").append(name(s)).append(" to ").append(own);
            }
        }
        if (c.queryEndpoint() != null) {
            sb.append(", queries to ").append(c.queryEndpoint());
        }
        return sb.toString();
    }

    /** E.g. {@code TelemetryFlow SDK stopped: traces 120 exported, 0 failed, 0 dropped, 0 unsent; …}. */
    static String stopped(HealthStatus h) {
        StringJoiner parts = new StringJoiner("; ", "TelemetryFlow SDK stopped: ", "");
        h.signals().forEach((signal, s) -> parts.add(name(signal) + " " + counts(s)));
        return parts.length() == "TelemetryFlow SDK stopped: ".length() ? parts + "no signal enabled" : parts.toString();
    }

    private static String counts(SignalHealth s) {
        return s.exported() + " exported, " + s.failed() + " failed, " + s.dropped() + " dropped"
            + (s.queued() + s.buffered() > 0 ? ", " + (s.queued() + s.buffered()) + " unsent" : "")
            + (s.truncated() > 0 ? ", " + s.truncated() + " values cut by the limits" : "");
    }

    private static String signals(TelemetryConfig c) {
        StringJoiner j = new StringJoiner(", ");
        for (SignalType s : SignalType.values()) {
            if (c.isSignalEnabled(s)) {
                j.add(name(s));
            }
        }
        return j.length() == 0 ? "none" : j.toString();
    }

    private static String name(SignalType s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
