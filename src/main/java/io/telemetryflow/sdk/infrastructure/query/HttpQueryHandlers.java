package io.telemetryflow.sdk.infrastructure.query;

import io.telemetryflow.sdk.application.AggregateMetricsQuery;
import io.telemetryflow.sdk.application.AggregationResult;
import io.telemetryflow.sdk.application.GetLogsQuery;
import io.telemetryflow.sdk.application.GetMetricQuery;
import io.telemetryflow.sdk.application.GetTraceQuery;
import io.telemetryflow.sdk.application.LogsPage;
import io.telemetryflow.sdk.application.MetricSeries;
import io.telemetryflow.sdk.application.QueryBus;
import io.telemetryflow.sdk.application.SearchTracesQuery;
import io.telemetryflow.sdk.application.TraceDetail;
import io.telemetryflow.sdk.application.TracesPage;
import io.telemetryflow.sdk.domain.Severity;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * The query handlers that read from the TelemetryFlow query API (DESIGN §8): one request per
 * query, answered with the result records. Every failure is a
 * {@link io.telemetryflow.sdk.application.TelemetryQueryException}; a trace the server does not
 * know (404) is {@link Optional#empty()}.
 */
public final class HttpQueryHandlers {

    static final String METRICS = "/api/v1/metrics";
    static final String AGGREGATE = "/api/v1/metrics/aggregate";
    static final String LOGS = "/api/v1/logs";
    static final String TRACES = "/api/v1/traces";

    private final HttpQueryTransport transport;

    private HttpQueryHandlers(TelemetryConfig config) {
        this.transport = new HttpQueryTransport(config);
    }

    /**
     * Registers the handlers of every remote query type on {@code bus}, reading from
     * {@code config.queryEndpoint()} with {@code config.timeout()} and the configured API key.
     *
     * @throws IllegalArgumentException if the configuration has no query endpoint
     */
    public static QueryBus.Builder registerAll(QueryBus.Builder bus, TelemetryConfig config) {
        Objects.requireNonNull(bus, "bus");
        if (config == null || config.queryEndpoint() == null || config.credentials() == null) {
            throw new IllegalArgumentException("the query handlers need telemetryflow.query.endpoint and an API key");
        }
        HttpQueryHandlers h = new HttpQueryHandlers(config);
        return bus.register(GetMetricQuery.class, h::getMetric)
            .register(AggregateMetricsQuery.class, h::aggregate)
            .register(GetLogsQuery.class, h::getLogs)
            .register(GetTraceQuery.class, h::getTrace)
            .register(SearchTracesQuery.class, h::searchTraces);
    }

    MetricSeries getMetric(GetMetricQuery q) {
        QueryString params = new QueryString().add("name", q.name()).add("start", q.start()).add("end", q.end())
            .addJoined("groupBy", q.groupBy()).addPrefixed("filter.", q.filters());
        return transport.get(METRICS, params, false, QueryResultMapper::metricSeries).orElseThrow();
    }

    AggregationResult aggregate(AggregateMetricsQuery q) {
        QueryString params = new QueryString().add("name", q.name()).add("start", q.start()).add("end", q.end())
            .add("aggregation", q.aggregation().wireName()).addJoined("groupBy", q.groupBy());
        return transport.get(AGGREGATE, params, false, QueryResultMapper::aggregation).orElseThrow();
    }

    LogsPage getLogs(GetLogsQuery q) {
        QueryString params = new QueryString().add("start", q.start()).add("end", q.end())
            .addJoined("severity", q.severities().stream().map(Severity::name).toList())
            .add("search", q.search()).addPrefixed("filter.", q.filters())
            .add("limit", q.limit()).add("offset", q.offset());
        return transport.get(LOGS, params, false, QueryResultMapper::logsPage).orElseThrow();
    }

    Optional<TraceDetail> getTrace(GetTraceQuery q) {
        // The id is validated hex, so it is safe as a path segment as is.
        return transport.get(TRACES + "/" + q.traceId(), new QueryString(), true, QueryResultMapper::traceDetail);
    }

    TracesPage searchTraces(SearchTracesQuery q) {
        QueryString params = new QueryString().add("start", q.start()).add("end", q.end())
            .add("service", q.service()).add("operation", q.operation())
            .addMillis("minDurationMs", q.minDuration()).addMillis("maxDurationMs", q.maxDuration())
            .addPrefixed("tag.", q.tags()).add("hasError", q.hasError())
            .add("limit", q.limit()).add("offset", q.offset());
        return transport.get(TRACES, params, false, QueryResultMapper::tracesPage).orElseThrow();
    }
}
