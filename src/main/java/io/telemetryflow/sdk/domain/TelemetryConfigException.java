package io.telemetryflow.sdk.domain;

import java.util.List;

/**
 * Invalid configuration: every problem found, each naming its key, the bad value (never the
 * secret's) and what is allowed.
 */
public final class TelemetryConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** Creates an exception listing {@code problems} (at least one). */
    public TelemetryConfigException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Each problem on its own, e.g. {@code telemetryflow.protocol: got 'ftp'; allowed grpc or http} or
     * {@code telemetryflow.service-name is required: a non-blank service name (or OTEL_SERVICE_NAME)}.
     */
    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        if (problems.size() == 1) {
            return "TelemetryFlow configuration is invalid: " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder("TelemetryFlow configuration is invalid (")
            .append(problems.size()).append(" problems):");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}
