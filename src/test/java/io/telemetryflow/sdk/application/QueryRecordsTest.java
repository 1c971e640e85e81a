package io.telemetryflow.sdk.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.sdk.application.AggregateMetricsQuery.Aggregation;
import io.telemetryflow.sdk.domain.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Query records validate on construction, copy their collections, and their builders fill sensible defaults. */
class QueryRecordsTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2024-05-01T11:00:00Z");

    static Stream<Arguments> invalidQueries() {
        return Stream.of(
            Arguments.of("blank metric name", (Supplier<Object>) () -> GetMetricQuery.of(" ", T0, T1), "metric name"),
            Arguments.of("end before start", (Supplier<Object>) () -> GetMetricQuery.of("m", T1, T0), "before end"),
            Arguments.of("empty range", (Supplier<Object>) () -> GetMetricQuery.of("m", T0, T0), "before end"),
            Arguments.of("no start", (Supplier<Object>) () -> GetMetricQuery.of("m", null, T1), "start and end"),
            Arguments.of("comma in groupBy", (Supplier<Object>) () ->
                new GetMetricQuery("m", T0, T1, List.of("a,b"), Map.of()), "comma"),
            Arguments.of("blank filter key", (Supplier<Object>) () ->
                GetMetricQuery.builder("m").filter(" ", "v").build(), "filter"),
            Arguments.of("null aggregation", (Supplier<Object>) () ->
                AggregateMetricsQuery.of("m", null, T0, T1), "aggregation"),
            Arguments.of("limit 0", (Supplier<Object>) () -> GetLogsQuery.builder().limit(0).build(), "limit"),
            Arguments.of("limit too big", (Supplier<Object>) () -> GetLogsQuery.builder().limit(10_001).build(), "limit"),
            Arguments.of("negative offset", (Supplier<Object>) () -> GetLogsQuery.builder().offset(-1).build(), "offset"),
            Arguments.of("zero window", (Supplier<Object>) () -> GetLogsQuery.builder().last(Duration.ZERO).build(),
                "window"),
            Arguments.of("short trace id", (Supplier<Object>) () -> GetTraceQuery.of("abc"), "32 hexadecimal"),
            Arguments.of("non-hex trace id", (Supplier<Object>) () -> GetTraceQuery.of("g".repeat(32)), "32 hexadecimal"),
            Arguments.of("all-zero trace id", (Supplier<Object>) () -> GetTraceQuery.of("0".repeat(32)), "not all zero"),
            Arguments.of("null trace id", (Supplier<Object>) () -> GetTraceQuery.of(null), "trace id"),
            Arguments.of("max below min", (Supplier<Object>) () -> SearchTracesQuery.builder()
                .minDuration(Duration.ofSeconds(2)).maxDuration(Duration.ofSeconds(1)).build(), "maxDuration"),
            Arguments.of("negative min", (Supplier<Object>) () -> SearchTracesQuery.builder()
                .minDuration(Duration.ofMillis(-1)).build(), "minDuration"),
            Arguments.of("tag without value", (Supplier<Object>) () -> SearchTracesQuery.builder()
                .tag("k", null).build(), "value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidQueries")
    void rejectsInvalidQueriesNamingTheProblem(String what, Supplier<Object> query, String fragment) {
        assertThatThrownBy(query::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(fragment);
    }

    @Test
    void copiesCollectionsSoLaterChangesDoNotLeakIn() {
        List<String> groupBy = new ArrayList<>(List.of("a", "b", "a"));
        Map<String, String> filters = new HashMap<>(Map.of("k", "v"));
        GetMetricQuery q = new GetMetricQuery("m", T0, T1, groupBy, filters);
        groupBy.add("c");
        filters.put("x", "y");
        assertThat(q.groupBy()).containsExactly("a", "b"); // duplicates dropped, order kept
        assertThat(q.filters()).containsExactly(Map.entry("k", "v"));
        assertThatThrownBy(() -> q.groupBy().add("z")).isInstanceOf(UnsupportedOperationException.class);

        Set<Severity> severities = EnumSet.of(Severity.ERROR);
        GetLogsQuery logs = new GetLogsQuery(T0, T1, severities, "  ", null, 10, 0);
        severities.add(Severity.INFO);
        assertThat(logs.severities()).containsExactly(Severity.ERROR);
        assertThat(logs.search()).isNull(); // blank search = no search
        assertThat(logs.filters()).isEmpty();
    }

    @Test
    void buildersDefaultToTheLastHourAndFirstPageOfAHundred() {
        Instant before = Instant.now();
        GetLogsQuery logs = GetLogsQuery.builder().build();
        assertThat(Duration.between(logs.start(), logs.end())).isEqualTo(Duration.ofHours(1));
        assertThat(logs.end()).isAfterOrEqualTo(before);
        assertThat(logs.limit()).isEqualTo(100);
        assertThat(logs.offset()).isZero();
        assertThat(logs.severities()).isEmpty();

        SearchTracesQuery traces = SearchTracesQuery.builder().last(Duration.ofMinutes(5)).service(" ").build();
        assertThat(Duration.between(traces.start(), traces.end())).isEqualTo(Duration.ofMinutes(5));
        assertThat(traces.service()).isNull();
        assertThat(traces.hasError()).isNull();
        assertThat(traces.withOffset(200).offset()).isEqualTo(200);
        assertThat(traces.withOffset(200).withLimit(5)).isEqualTo(new SearchTracesQuery(traces.start(), traces.end(),
            null, null, null, null, Map.of(), null, 5, 200));

        AggregateMetricsQuery agg = AggregateMetricsQuery.builder("m", Aggregation.MAX).between(T0, T1)
            .groupBy("region").build();
        assertThat(agg).isEqualTo(new AggregateMetricsQuery("m", T0, T1, Aggregation.MAX, List.of("region")));
    }

    @Test
    void normalizesTraceIdsAndParsesAggregations() {
        assertThat(GetTraceQuery.of(" 4BF92F3577B34DA6A3CE929D0E0E4736 ").traceId())
            .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(Aggregation.parse(" Avg ")).isEqualTo(Aggregation.AVG);
        assertThat(Aggregation.COUNT.wireName()).isEqualTo("count");
        assertThatThrownBy(() -> Aggregation.parse("median")).hasMessageContaining("sum, avg, min, max, count");
    }

    @Test
    void resultRecordsOfferNavigation() {
        SpanDetail root = span("r", null, SpanStatusDetail.UNSET);
        SpanDetail child = span("c", "r", new SpanStatusDetail(SpanStatusDetail.Code.ERROR, "boom"));
        SpanDetail orphanOfOtherService = span("o", "elsewhere", null);
        TraceDetail trace = new TraceDetail("t", T0, T1, Duration.ofHours(1), List.of(root, child));
        assertThat(trace.rootSpan()).contains(root);
        assertThat(trace.children("r")).containsExactly(child);
        assertThat(trace.errorCount()).isEqualTo(1);
        assertThat(trace.span("c")).contains(child);
        // A trace whose caller is not reported: the span with an unknown parent is the root.
        assertThat(new TraceDetail("t", T0, T1, Duration.ZERO, List.of(orphanOfOtherService)).rootSpan())
            .contains(orphanOfOtherService);
        assertThat(orphanOfOtherService.status()).isEqualTo(SpanStatusDetail.UNSET);

        AggregationResult result = new AggregationResult("m", Double.NaN,
            List.of(new AggregationGroup(Map.of("region", "eu"), 1.0)));
        assertThat(result.hasValue()).isFalse();
        assertThat(result.group(Map.of("region", "eu"))).isPresent();
        assertThat(result.group(Map.of("region", "us"))).isEmpty();
    }

    private static SpanDetail span(String id, String parent, SpanStatusDetail status) {
        return new SpanDetail(id, java.util.Optional.ofNullable(parent), id, null, T0, T1, Duration.ofHours(1),
            null, null, status);
    }
}
