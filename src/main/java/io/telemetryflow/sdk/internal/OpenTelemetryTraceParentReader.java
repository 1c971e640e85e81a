package io.telemetryflow.sdk.internal;

import io.telemetryflow.sdk.application.TraceParent;

/**
 * The {@link TraceParent.Reader} of this library (declared in {@code META-INF/services}): the
 * current OpenTelemetry span context, as {@link TraceParents#capture()} reads it.
 */
public final class OpenTelemetryTraceParentReader implements TraceParent.Reader {

    /** For {@link java.util.ServiceLoader}. */
    public OpenTelemetryTraceParentReader() {
    }

    @Override
    public TraceParent current() {
        return TraceParents.capture();
    }
}
