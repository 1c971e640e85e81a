package io.telemetryflow.sdk.domain;

import java.util.Locale;

/** OTLP transport used to export telemetry. */
public enum Protocol {
    /** OTLP over gRPC (HTTP/2), the default. */
    GRPC,
    /** OTLP over HTTP with protobuf bodies. */
    HTTP;

    /**
     * Parses {@code grpc} or {@code http} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Protocol parse(String value) {
        if (value != null) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "grpc": return GRPC;
                case "http": case "http/protobuf": return HTTP;
                default: break;
            }
        }
        throw new IllegalArgumentException("allowed: grpc, http");
    }
}
