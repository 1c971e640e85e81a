package io.telemetryflow.sdk.internal.grpc;

import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;

/**
 * The OTLP/gRPC sender of this SDK's exporters, offered to them through their component loader
 * (OpenTelemetry's public sender SPI), never registered as a service: other users of
 * OpenTelemetry in the same application keep their own choice.
 */
public final class NoDelayGrpcSenderProvider implements GrpcSenderProvider {

    @Override
    public GrpcSender createSender(GrpcSenderConfig config) {
        return new NoDelayGrpcSender(config);
    }
}
