package io.telemetryflow.sdk.internal.query;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.telemetryflow.sdk.application.AggregateMetricsQuery;
import io.telemetryflow.sdk.application.AggregateMetricsQuery.Aggregation;
import io.telemetryflow.sdk.application.AggregationGroup;
import io.telemetryflow.sdk.application.AggregationResult;
import io.telemetryflow.sdk.application.CountLogsBySeverityQuery;
import io.telemetryflow.sdk.application.GetLabelValuesQuery;
import io.telemetryflow.sdk.application.GetLogsQuery;
import io.telemetryflow.sdk.application.GetMetricNamesQuery;
import io.telemetryflow.sdk.application.GetMetricQuery;
import io.telemetryflow.sdk.application.GetPlatformHealthQuery;
import io.telemetryflow.sdk.application.GetTraceQuery;
import io.telemetryflow.sdk.application.LogEntry;
import io.telemetryflow.sdk.application.LogsPage;
import io.telemetryflow.sdk.application.MetricDataPoint;
import io.telemetryflow.sdk.application.MetricSeries;
import io.telemetryflow.sdk.application.PlatformHealth;
import io.telemetryflow.sdk.application.QueryBus;
import io.telemetryflow.sdk.application.SearchTracesQuery;
import io.telemetryflow.sdk.application.TraceDetail;
import io.telemetryflow.sdk.application.TraceSummary;
import io.telemetryflow.sdk.application.TracesPage;
import io.telemetryflow.sdk.domain.Severity;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The query handlers that read from TelemetryFlow Core's query API (TELEMETRYFLOW-PLATFORM.md §2,
 * DESIGN §8), authenticated by a {@link CoreSession}. Every failure is a
 * {@link io.telemetryflow.sdk.application.TelemetryQueryException}; a trace Core does not know
 * (404) is {@link Optional#empty()}.
 *
 * <p>What Core does not offer is composed from what it does, in as few requests as possible:
 * {@code groupBy} asks {@code metrics/labels/{label}} for the values and then one metrics query per
 * combination (at most {@value #MAX_GROUPS}); an aggregate over the whole range sums (or takes the
 * min/max of) Core's daily buckets, and an average is the total sum over the total count.
 */
public final class HttpQueryHandlers {

    /** Bound on the label-value combinations a {@code groupBy} expands into (one request each). */
    static final int MAX_GROUPS = 100;
    // Core's largest bucket: the fewest rows for an aggregate over the whole range.
    private static final String WHOLE_RANGE_INTERVAL = "1d";
    private static final TypeFactory TYPES = HttpQueryTransport.JSON.getTypeFactory();

    private final CoreSession session;

    private HttpQueryHandlers(TelemetryConfig config) {
        this.session = new CoreSession(config.queryCredentials(), config.queryEndpoint(), config.timeout(),
            Clock.systemUTC());
    }

    /**
     * Registers the handlers of every remote query type on {@code bus}, reading from
     * {@code config.queryEndpoint()} with {@code config.timeout()} and the query credentials.
     *
     * @throws IllegalArgumentException if the configuration has no query endpoint or credentials
     */
    public static QueryBus.Builder registerAll(QueryBus.Builder bus, TelemetryConfig config) {
        Objects.requireNonNull(bus, "bus");
        if (config == null || config.queryEndpoint() == null || config.queryCredentials() == null) {
            throw new IllegalArgumentException("the query handlers need telemetryflow.query.endpoint and"
                + " telemetryflow.query.token or telemetryflow.query.email + .password");
        }
        HttpQueryHandlers h = new HttpQueryHandlers(config);
        return bus.register(GetMetricQuery.class, h::getMetric)
            .register(AggregateMetricsQuery.class, h::aggregate)
            .register(GetLogsQuery.class, h::getLogs)
            .register(GetTraceQuery.class, h::getTrace)
            .register(SearchTracesQuery.class, h::searchTraces)
            .register(GetMetricNamesQuery.class, h::metricNames)
            .register(GetLabelValuesQuery.class, h::labelValues)
            .register(CountLogsBySeverityQuery.class, h::countBySeverity)
            .register(GetPlatformHealthQuery.class, h::platformHealth);
    }

    MetricSeries getMetric(GetMetricQuery q) {
        List<MetricDataPoint> points = new ArrayList<>();
        for (Map<String, String> group : groups(q.name(), q.groupBy())) {
            Map<String, String> labels = merge(q.filters(), group);
            for (CoreWire.MetricRow row : metricRows(q.name(), q.start(), q.end(), labels, "avg", null)) {
                Map<String, Object> attributes = new LinkedHashMap<>(labels);
                if (row.metricAttributes() != null) {
                    row.metricAttributes().forEach(attributes::putIfAbsent);
                }
                points.add(new MetricDataPoint(CoreTime.parse(row.timestamp()), value(row), attributes));
            }
        }
        points.sort(Comparator.comparing(MetricDataPoint::timestamp)); // Core answers newest first
        return new MetricSeries(q.name(), points);
    }

    AggregationResult aggregate(AggregateMetricsQuery q) {
        List<AggregationGroup> groups = new ArrayList<>();
        double overall = aggregateOver(q, Map.of());
        if (!q.groupBy().isEmpty()) {
            for (Map<String, String> group : groups(q.name(), q.groupBy())) {
                double v = aggregateOver(q, group);
                if (!Double.isNaN(v)) {
                    groups.add(new AggregationGroup(group, v));
                }
            }
        }
        return new AggregationResult(q.name(), overall, groups);
    }

    LogsPage getLogs(GetLogsQuery q) {
        CoreWire.LogsRequest body = new CoreWire.LogsRequest(CoreTime.format(q.start()), CoreTime.format(q.end()),
            q.search(), q.severities().stream().map(Severity::name).toList(), q.filters(), page(q.limit(), q.offset()));
        CoreWire.Envelope<CoreWire.LogRow> envelope = envelope(CoreRoutes.LOGS, body, CoreWire.LogRow.class);
        List<LogEntry> logs = rows(envelope, CoreRows::log, "POST " + CoreRoutes.LOGS);
        return new LogsPage(logs, total(envelope, logs.size()), hasNext(envelope));
    }

    Optional<TraceDetail> getTrace(GetTraceQuery q) {
        // The id is validated hex, so it is safe as a path segment as is.
        String what = "GET " + CoreRoutes.TRACE + "/{traceId}";
        return traceRows(q.traceId()).map(r -> mapped(what, () -> CoreRows.trace(q.traceId(), r)));
    }

    TracesPage searchTraces(SearchTracesQuery q) {
        CoreWire.TracesRequest body = new CoreWire.TracesRequest(CoreTime.format(q.start()), CoreTime.format(q.end()),
            q.service(), q.operation(), q.hasError(), CoreTime.millis(q.minDuration()), CoreTime.millis(q.maxDuration()),
            q.tags(), page(q.limit(), q.offset()));
        if (q.operation() == null && q.tags().isEmpty()) {
            CoreWire.Envelope<CoreWire.TraceSummaryRow> envelope =
                envelope(CoreRoutes.TRACE_SUMMARIES, body, CoreWire.TraceSummaryRow.class);
            List<TraceSummary> traces = rows(envelope, CoreRows::summary, "POST " + CoreRoutes.TRACE_SUMMARIES);
            return new TracesPage(traces, total(envelope, traces.size()), hasNext(envelope));
        }
        // Core's summaries route filters by service, error and duration only; span name and
        // attributes filter the span search, whose traces are then read whole (one request each,
        // at most one page of them) so that each summary describes the trace, not the matching span.
        CoreWire.Envelope<CoreWire.SpanRow> envelope = envelope(CoreRoutes.TRACES, body, CoreWire.SpanRow.class);
        List<String> traceIds = envelope.data().stream().filter(Objects::nonNull).map(CoreWire.SpanRow::traceId)
            .filter(Objects::nonNull).distinct().toList();
        List<TraceSummary> traces = new ArrayList<>();
        for (String traceId : traceIds) {
            traceRows(traceId).map(rows -> mapped("GET " + CoreRoutes.TRACE + "/{traceId}",
                () -> CoreRows.summary(traceId, rows))).ifPresent(traces::add);
        }
        return new TracesPage(traces, traces.size(), hasNext(envelope));
    }

    private Optional<List<CoreWire.SpanRow>> traceRows(String traceId) {
        String id = traceId.toLowerCase(java.util.Locale.ROOT);
        if (!id.matches("[0-9a-f]{32}")) {
            throw HttpQueryTransport.malformed("POST " + CoreRoutes.TRACES, "a span row has trace id that is not 32 hex digits");
        }
        return session.call(CoreRoutes.TRACE + "/" + id, null,
            TYPES.constructCollectionType(List.class, CoreWire.SpanRow.class), true);
    }

    List<String> metricNames(GetMetricNamesQuery q) {
        String path = CoreRoutes.METRIC_NAMES + "?limit=" + q.limit() + (q.prefix() == null ? "" : "&prefix=" + encode(q.prefix()));
        CoreWire.MetricNames names = session.<CoreWire.MetricNames>call(path, null, CoreSession.type(CoreWire.MetricNames.class), false).orElseThrow();
        return List.copyOf(nonNull(names.names()));
    }

    List<String> labelValues(GetLabelValuesQuery q) {
        String path = CoreRoutes.METRIC_LABELS + "/" + encode(q.label()) + "?limit=" + q.limit()
            + (q.metricName() == null ? "" : "&metricName=" + encode(q.metricName()));
        CoreWire.LabelValues values = session.<CoreWire.LabelValues>call(path, null, CoreSession.type(CoreWire.LabelValues.class), false).orElseThrow();
        return nonNull(values.values()).stream().filter(Objects::nonNull).toList();
    }

    Map<String, Long> countBySeverity(CountLogsBySeverityQuery q) {
        CoreWire.SeverityCounts counts = session.<CoreWire.SeverityCounts>call(CoreRoutes.LOG_COUNT_BY_SEVERITY,
            new CoreWire.TimeWindow(CoreTime.format(q.start()), CoreTime.format(q.end())),
            CoreSession.type(CoreWire.SeverityCounts.class), false).orElseThrow();
        return counts.counts() == null ? Map.of() : Map.copyOf(counts.counts());
    }

    PlatformHealth platformHealth(GetPlatformHealthQuery q) {
        CoreWire.Health h = session.callPublic(CoreRoutes.HEALTH, CoreSession.type(CoreWire.Health.class));
        Optional<java.time.Instant> at;
        try {
            at = h.timestamp() == null ? Optional.empty() : Optional.of(CoreTime.parse(h.timestamp()));
        } catch (IllegalArgumentException unreadable) {
            at = Optional.empty();
        }
        return new PlatformHealth(h.status(), h.service(), h.version(), at);
    }

    // ---- metrics helpers ---------------------------------------------------------------------

    private double aggregateOver(AggregateMetricsQuery q, Map<String, String> labels) {
        if (q.aggregation() == Aggregation.AVG) { // an average of daily averages would weigh days equally
            double sum = aggregateOver(q, labels, "sum");
            double count = aggregateOver(q, labels, "count");
            return Double.isNaN(sum) || Double.isNaN(count) || count == 0 ? Double.NaN : sum / count;
        }
        return aggregateOver(q, labels, q.aggregation().wireName());
    }

    private double aggregateOver(AggregateMetricsQuery q, Map<String, String> labels, String aggregation) {
        double result = Double.NaN;
        for (CoreWire.MetricRow row : metricRows(q.name(), q.start(), q.end(), labels, aggregation, WHOLE_RANGE_INTERVAL)) {
            double v = value(row);
            if (Double.isNaN(result)) {
                result = v;
            } else if (aggregation.equals("min")) {
                result = Math.min(result, v);
            } else if (aggregation.equals("max")) {
                result = Math.max(result, v);
            } else {
                result += v; // sum and count add up across buckets
            }
        }
        return result;
    }

    private List<CoreWire.MetricRow> metricRows(String name, java.time.Instant start, java.time.Instant end,
                                                Map<String, String> labels, String aggregation, String interval) {
        CoreWire.MetricsRequest body = new CoreWire.MetricsRequest(CoreTime.format(start), CoreTime.format(end), name,
            labels, aggregation, interval, null);
        return nonNull(envelope(CoreRoutes.METRICS, body, CoreWire.MetricRow.class).data());
    }

    /** Every combination of the values of {@code labels} on {@code metric} (one empty group without labels). */
    private List<Map<String, String>> groups(String metric, List<String> labels) {
        List<Map<String, String>> groups = new ArrayList<>();
        groups.add(Map.of());
        for (String label : labels) {
            List<String> values = labelValues(new GetLabelValuesQuery(label, metric, MAX_GROUPS));
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> g : groups) {
                for (String v : values) {
                    if (next.size() == MAX_GROUPS) {
                        throw new IllegalArgumentException("groupBy " + labels + " of '" + metric + "' has more than "
                            + MAX_GROUPS + " combinations; narrow it with filters");
                    }
                    next.add(merge(g, Map.of(label, v)));
                }
            }
            groups = next;
        }
        return groups;
    }

    private static double value(CoreWire.MetricRow row) {
        if (row.timestamp() == null || row.value() == null) {
            throw HttpQueryTransport.malformed("POST " + CoreRoutes.METRICS, "a row lacks timestamp or value");
        }
        return row.value();
    }

    // ---- shared helpers ----------------------------------------------------------------------

    private <T> CoreWire.Envelope<T> envelope(String route, Object body, Class<T> row) {
        JavaType type = TYPES.constructParametricType(CoreWire.Envelope.class, row);
        CoreWire.Envelope<T> envelope = session.<CoreWire.Envelope<T>>call(route, body, type, false).orElseThrow();
        if (envelope.data() == null) {
            throw HttpQueryTransport.malformed("POST " + route, "the envelope has no data array");
        }
        return envelope;
    }

    private static <R, T> List<T> rows(CoreWire.Envelope<R> envelope, Function<R, T> mapping, String what) {
        List<T> out = new ArrayList<>(envelope.data().size());
        for (int i = 0; i < envelope.data().size(); i++) {
            R row = envelope.data().get(i);
            int index = i;
            out.add(mapped(what, () -> CoreRows.inRow(index, () -> mapping.apply(Objects.requireNonNull(row, "null row")))));
        }
        return out;
    }

    /** A mapping whose missing or unreadable field is a MALFORMED_RESPONSE of {@code what}. */
    private static <T> T mapped(String what, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw HttpQueryTransport.malformed(what, String.valueOf(e.getMessage()));
        }
    }

    /** Core pages by number: the offset must fall on a page boundary. */
    private static CoreWire.Page page(int limit, int offset) {
        if (offset % limit != 0) {
            throw new IllegalArgumentException("TelemetryFlow Core pages by page number: offset (" + offset
                + ") must be a multiple of limit (" + limit + ")");
        }
        return new CoreWire.Page(offset / limit + 1, limit);
    }

    private static long total(CoreWire.Envelope<?> envelope, int fallback) {
        return envelope.total() == null ? fallback : envelope.total();
    }

    private static boolean hasNext(CoreWire.Envelope<?> envelope) {
        return envelope.pagination() != null && Boolean.TRUE.equals(envelope.pagination().hasNext());
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
