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
import java.util.function.BiConsumer;

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

    /** A tally for one export batch: cuts its records and counts what was cut. Used by one thread. */
    Batch batch() {
        return new Batch();
    }

    /**
     * What one export batch had cut. It is itself the visitor of every attribute set of the batch, so checking a
     * set allocates nothing (a capturing lambda per set made this class 43 % of the batch worker's CPU in a profile
     * of small spans).
     */
    final class Batch implements BiConsumer<AttributeKey<?>, Object> {

        private long count;

        private Batch() {
        }

        /** What this batch had cut so far. */
        long count() {
            return count;
        }

        /** {@code span} with its long values cut (the same object when nothing is); counts what was cut. */
        SpanData cut(SpanData span) {
            count += Math.max(0, span.getTotalAttributeCount() - span.getAttributes().size())
                + Math.max(0, span.getTotalRecordedEvents() - span.getEvents().size())
                + Math.max(0, span.getTotalRecordedLinks() - span.getLinks().size());
            Attributes attributes = cut(span.getAttributes());
            List<EventData> events = span.getEvents();
            List<EventData> cutEvents = null;
            for (int i = 0; i < events.size(); i++) {
                EventData e = events.get(i);
                count += Math.max(0, e.getTotalAttributeCount() - e.getAttributes().size());
                Attributes a = cut(e.getAttributes());
                if (a != e.getAttributes()) {
                    cutEvents = cutEvents == null ? new ArrayList<>(events) : cutEvents;
                    cutEvents.set(i, EventData.create(e.getEpochNanos(), e.getName(), a, e.getTotalAttributeCount()));
                }
            }
            List<LinkData> links = span.getLinks();
            List<LinkData> cutLinks = null;
            for (int i = 0; i < links.size(); i++) {
                LinkData l = links.get(i);
                count += Math.max(0, l.getTotalAttributeCount() - l.getAttributes().size());
                Attributes a = cut(l.getAttributes());
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

        /** {@code log} with its long values cut (the same object when nothing is); counts what was cut. */
        LogRecordData cut(LogRecordData log) {
            count += Math.max(0, log.getTotalAttributeCount() - log.getAttributes().size());
            Value<?> body = log.getBodyValue();
            if (body != null && body.getType() == io.opentelemetry.api.common.ValueType.STRING
                && ((String) body.getValue()).endsWith(LogCommandHandler.CUT_MARK_END)) {
                count++;
            }
            Attributes attributes = cut(log.getAttributes());
            return attributes == log.getAttributes() ? log
                : io.telemetryflow.sdk.internal.disk.LogRecordValue.withAttributes(log, attributes);
        }

        /** {@code attributes} with every string (and string-array element) longer than the limit cut to it. */
        Attributes cut(Attributes attributes) {
            if (attributes.isEmpty()) {
                return attributes;
            }
            long before = count;
            attributes.forEach(this);
            if (count == before) {
                return attributes;
            }
            AttributesBuilder b = Attributes.builder();
            attributes.forEach((key, value) -> put(b, key, value)); // only when something is cut: rare
            return b.build();
        }

        /** Counts {@code value} if it (or an element of it) is longer than the limit. */
        @Override
        public void accept(AttributeKey<?> key, Object value) {
            if (value instanceof String s) {
                if (s.length() > maxLength) {
                    count++;
                }
            } else if (key.getType() == AttributeType.STRING_ARRAY) {
                for (Object v : (List<?>) value) {
                    if (((String) v).length() > maxLength) {
                        count++;
                    }
                }
            }
        }
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
