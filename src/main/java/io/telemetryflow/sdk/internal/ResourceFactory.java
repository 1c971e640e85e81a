package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.telemetryflow.sdk.domain.TelemetryConfig;

/** The OpenTelemetry {@link Resource} describing the service (DESIGN §4). */
public final class ResourceFactory {

    private ResourceFactory() {
    }

    /** SDK defaults ({@code telemetry.sdk.*}) merged with the service attributes and the custom ones. */
    public static Resource create(TelemetryConfig config) {
        AttributesBuilder b = Attributes.builder();
        // custom attributes first, so the service identity below cannot be overridden by accident
        config.attributes().forEach(b::put);
        b.put("service.name", config.serviceName());
        b.put("service.version", config.serviceVersion());
        b.put("service.namespace", config.serviceNamespace());
        b.put("deployment.environment.name", config.environment());
        // The old semantic-convention name, which the TelemetryFlow collector upserts and both sibling SDKs send.
        b.put("deployment.environment", config.environment());
        if (!config.collectorId().isEmpty()) {
            b.put("telemetryflow.collector.id", config.collectorId());
        }
        return Resource.getDefault().merge(Resource.create(b.build()));
    }
}
