package io.telemetryflow.sdk.internal.disk;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.common.ValueType;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.resources.Resource;

/**
 * A log record as plain values: the fields the OTLP exporter sends. The disk buffer reads records back into it;
 * the export-time limits accounting ({@code LimitsCut}) copies a record into it with its attributes cut.
 */
public record LogRecordValue(Resource resource, InstrumentationScopeInfo scope, long timestamp, long observedTimestamp,
                       SpanContext spanContext, Severity severity, String severityText, Value<?> body,
                       Attributes attributes, int totalAttributes, String eventName)
    implements io.opentelemetry.sdk.logs.data.LogRecordData {

    /** {@code original} with {@code attributes} instead of its own (its total attribute count kept). */
    public static LogRecordValue withAttributes(io.opentelemetry.sdk.logs.data.LogRecordData original, Attributes attributes) {
        return new LogRecordValue(original.getResource(), original.getInstrumentationScopeInfo(),
            original.getTimestampEpochNanos(), original.getObservedTimestampEpochNanos(), original.getSpanContext(),
            original.getSeverity(), original.getSeverityText(), original.getBodyValue(), attributes,
            original.getTotalAttributeCount(), original.getEventName());
    }

    @Override public Resource getResource() { return resource; }
    @Override public InstrumentationScopeInfo getInstrumentationScopeInfo() { return scope; }
    @Override public long getTimestampEpochNanos() { return timestamp; }
    @Override public long getObservedTimestampEpochNanos() { return observedTimestamp; }
    @Override public SpanContext getSpanContext() { return spanContext; }
    @Override public Severity getSeverity() { return severity; }
    @Override public String getSeverityText() { return severityText; }
    @Override public Value<?> getBodyValue() { return body; }
    @Override public Attributes getAttributes() { return attributes; }
    @Override public int getTotalAttributeCount() { return totalAttributes; }
    @Override public String getEventName() { return eventName; }

    @SuppressWarnings("deprecation") // required by the interface; the exporter reads getBodyValue()
    @Override
    public Body getBody() {
        return body == null || body.getType() == ValueType.EMPTY ? Body.empty() : Body.string(body.asString());
    }
}
