package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts what the span and log limits cut, at export (off the caller's thread), so that {@code health()}
 * shows it ({@code truncated}). OpenTelemetry applies the limits silently: attributes, events and links beyond
 * their counts leave only a total behind (compared here), and a long attribute value is cut without a trace.
 * So the SDK's value-length limit is set one character above {@code telemetryflow.limits.attribute-length}:
 * a value that arrives here one character longer than the limit was longer than it — cut to the limit and
 * counted. (The bound on memory stays: no value is held longer than limit + 1.)
 */
final class LimitsCut {

    private final int maxLength;

    /** For {@code telemetryflow.limits.attribute-length} = {@code maxLength}. */
    LimitsCut(int maxLength) {
        this.maxLength = maxLength;
    }

    /** The value-length limit to give OpenTelemetry's {@code SpanLimits}/{@code LogLimits}. */
    static int sdkValueLengthLimit(int maxLength) {
        return maxLength == Integer.MAX_VALUE ? maxLength : maxLength + 1;
    }

    /** {@code span} with its long values cut (the same object when nothing is); adds what was cut to {@code count}. */
    SpanData cut(SpanData span, long[] count) {
        count[0] += Math.max(0, span.getTotalAttributeCount() - span.getAttributes().size())
            + Math.max(0, span.getTotalRecordedEvents() - span.getEvents().size())
            + Math.max(0, span.getTotalRecordedLinks() - span.getLinks().size());
        Attributes attributes = cut(span.getAttributes(), count);
        List<EventData> events = span.getEvents();
        List<EventData> cutEvents = null;
        for (int i = 0; i < events.size(); i++) {
            EventData e = events.get(i);
            count[0] += Math.max(0, e.getTotalAttributeCount() - e.getAttributes().size());
            Attributes a = cut(e.getAttributes(), count);
            if (a != e.getAttributes()) {
                cutEvents = cutEvents == null ? new ArrayList<>(events) : cutEvents;
                cutEvents.set(i, EventData.create(e.getEpochNanos(), e.getName(), a, e.getTotalAttributeCount()));
            }
        }
        List<LinkData> links = span.getLinks();
        List<LinkData> cutLinks = null;
        for (int i = 0; i < links.size(); i++) {
            LinkData l = links.get(i);
            count[0] += Math.max(0, l.getTotalAttributeCount() - l.getAttributes().size());
            Attributes a = cut(l.getAttributes(), count);
            if (a != l.getAttributes()) {
                cutLinks = cutLinks == null ? new ArrayList<>(links) : cutLinks;
                cutLinks.set(i, LinkData.create(l.getSpanContext(), a, l.getTotalAttributeCount()));
            }
        }
        if (attributes == span.getAttributes() && cutEvents == null && cutLinks == null) {
            return span;
        }
        List<EventData> finalEvents = cutEvents == null ? events : List.copyOf(cutEvents);
        List<LinkData> finalLinks = cutLinks == null ? links : List.copyOf(cutLinks);
        return new DelegatingSpanData(span) {
            @Override
            public Attributes getAttributes() {
                return attributes;
            }

            @Override
            public List<EventData> getEvents() {
                return finalEvents;
            }

            @Override
            public List<LinkData> getLinks() {
                return finalLinks;
            }
        };
    }

    /** {@code log} with its long values cut (the same object when nothing is); adds what was cut to {@code count}. */
    LogRecordData cut(LogRecordData log, long[] count) {
        count[0] += Math.max(0, log.getTotalAttributeCount() - log.getAttributes().size());
        Value<?> body = log.getBodyValue();
        if (body != null && body.getType() == io.opentelemetry.api.common.ValueType.STRING
            && ((String) body.getValue()).endsWith(LogCommandHandler.CUT_MARK_END)) {
            count[0]++;
        }
        Attributes attributes = cut(log.getAttributes(), count);
        return attributes == log.getAttributes() ? log : io.telemetryflow.sdk.internal.disk.LogRecordValue.withAttributes(log, attributes);
    }

    /** {@code attributes} with every string (and string-array element) longer than the limit cut to it. */
    Attributes cut(Attributes attributes, long[] count) {
        if (attributes.isEmpty()) {
            return attributes; // without the capturing lambda below: most spans of an export carry none
        }
        long before = count[0];
        attributes.forEach((key, value) -> {
            if (value instanceof String s && s.length() > maxLength) {
                count[0]++;
            } else if (key.getType() == AttributeType.STRING_ARRAY) {
                for (Object v : (List<?>) value) {
                    if (((String) v).length() > maxLength) {
                        count[0]++;
                    }
                }
            }
        });
        if (count[0] == before) {
            return attributes;
        }
        AttributesBuilder b = Attributes.builder();
        attributes.forEach((key, value) -> put(b, key, value));
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private void put(AttributesBuilder b, AttributeKey<?> key, Object value) {
        if (value instanceof String s) {
            b.put((AttributeKey<String>) key, s.length() > maxLength ? s.substring(0, maxLength) : s);
        } else if (key.getType() == AttributeType.STRING_ARRAY) {
            List<String> cut = new ArrayList<>();
            for (Object v : (List<?>) value) {
                String s = (String) v;
                cut.add(s.length() > maxLength ? s.substring(0, maxLength) : s);
            }
            b.put((AttributeKey<List<String>>) key, cut);
        } else {
            b.put((AttributeKey<Object>) key, value);
        }
    }
}
