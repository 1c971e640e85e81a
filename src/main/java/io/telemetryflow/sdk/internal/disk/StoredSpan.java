package io.telemetryflow.sdk.internal.disk;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;

/** An ended span read back from the disk buffer: the fields the OTLP exporter sends, as they were written. */
record StoredSpan(String name, SpanKind kind, SpanContext spanContext, SpanContext parent, StatusData status,
                  long start, long end, Attributes attributes, List<EventData> events, List<LinkData> links,
                  int totalEvents, int totalLinks, int totalAttributes, InstrumentationScopeInfo scope,
                  Resource resource) implements SpanData {

    @Override public String getName() { return name; }
    @Override public SpanKind getKind() { return kind; }
    @Override public SpanContext getSpanContext() { return spanContext; }
    @Override public SpanContext getParentSpanContext() { return parent; }
    @Override public StatusData getStatus() { return status; }
    @Override public long getStartEpochNanos() { return start; }
    @Override public Attributes getAttributes() { return attributes; }
    @Override public List<EventData> getEvents() { return events; }
    @Override public List<LinkData> getLinks() { return links; }
    @Override public long getEndEpochNanos() { return end; }
    @Override public boolean hasEnded() { return true; }
    @Override public int getTotalRecordedEvents() { return totalEvents; }
    @Override public int getTotalRecordedLinks() { return totalLinks; }
    @Override public int getTotalAttributeCount() { return totalAttributes; }
    @Override public InstrumentationScopeInfo getInstrumentationScopeInfo() { return scope; }
    @Override public Resource getResource() { return resource; }

    @SuppressWarnings("deprecation") // required by the interface; the exporter reads the scope
    @Override
    public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
        return InstrumentationLibraryInfo.create(scope.getName(), scope.getVersion(), scope.getSchemaUrl());
    }
}
