package io.telemetryflow.sdk.internal.query;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of TelemetryFlow Core (TELEMETRYFLOW-PLATFORM.md §2), bound by Jackson. They stay
 * here, in infrastructure, so that the application's result records carry no JSON annotations.
 * Unknown fields are ignored (the mapper is configured so); every field may be absent.
 *
 * <p>Rows come from ClickHouse's {@code JSONEachRow}: snake_case names, 64-bit integers possibly as
 * strings, timestamps as {@code yyyy-MM-dd HH:mm:ss.fffffffff} (UTC) or ISO-8601, attribute maps
 * with string values, and span {@code events} as a JSON text column.
 */
final class CoreWire {

    private CoreWire() {
    }

    // ---- requests -------------------------------------------------------------------------

    record Login(String email, String password) {
        @Override
        public String toString() {
            return "Login[email=" + email + ", password=****]";
        }
    }

    record Refresh(String refreshToken) {
        @Override
        public String toString() {
            return "Refresh[****]";
        }
    }

    record Page(int page, int limit) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record MetricsRequest(String from, String to, String metricName, Map<String, String> labels,
                          String aggregation, String interval, Page pagination) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record LogsRequest(String from, String to, String query, List<String> severityTexts,
                       Map<String, String> logAttributes, Page pagination) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record TracesRequest(String from, String to, String serviceName, String spanName, Boolean hasError,
                         Double minDurationMs, Double maxDurationMs, Map<String, String> spanAttributes,
                         Page pagination) {
    }

    record TimeWindow(String from, String to) {
    }

    // ---- answers --------------------------------------------------------------------------

    record Tokens(String accessToken, String refreshToken, Long expiresIn, String tokenType,
                  Boolean mfaRequired, String mfaToken) {
        @Override
        public String toString() {
            return "Tokens[expiresIn=" + expiresIn + ", ****]";
        }
    }

    record Envelope<T>(List<T> data, Long total, PageInfo pagination) {
    }

    record PageInfo(Integer page, Integer limit, Integer totalPages, Boolean hasNext, Boolean hasPrev) {
    }

    /** {@code {error:{code, message, statusCode}}}; {@code message} can be a string or a list (validation). */
    record ErrorBody(ErrorDetail error) {
    }

    record ErrorDetail(String code, JsonNode message, Integer statusCode) {
    }

    record MetricRow(String timestamp, Double value, @JsonAlias("metric_name") String metricName,
                     @JsonAlias("metric_attributes") Map<String, String> metricAttributes) {
    }

    record MetricNames(List<String> names, Long total) {
    }

    record LabelValues(String label, List<String> values, Long total) {
    }

    record SeverityCounts(Map<String, Long> counts) {
    }

    record LogRow(String timestamp, @JsonProperty("trace_id") String traceId, @JsonProperty("span_id") String spanId,
                  @JsonProperty("severity_text") String severityText,
                  @JsonProperty("severity_number") Integer severityNumber,
                  @JsonProperty("service_name") String serviceName, String body,
                  @JsonProperty("log_attributes") Map<String, String> logAttributes) {
    }

    record SpanRow(String timestamp, @JsonProperty("trace_id") String traceId, @JsonProperty("span_id") String spanId,
                   @JsonProperty("parent_span_id") String parentSpanId, @JsonProperty("span_name") String spanName,
                   @JsonProperty("span_kind") String spanKind, @JsonProperty("service_name") String serviceName,
                   @JsonProperty("status_code") String statusCode, @JsonProperty("status_message") String statusMessage,
                   @JsonProperty("duration_ns") Long durationNs, Double durationMs,
                   @JsonProperty("span_attributes") Map<String, String> spanAttributes, JsonNode events) {
    }

    record EventRow(String name, String timestamp, Map<String, String> attributes) {
    }

    record TraceSummaryRow(String traceId, String rootServiceName, String rootSpanName, Double durationMs,
                           Integer spanCount, Integer errorCount, String startTime, String endTime,
                           List<String> services, Boolean hasLogs) {
    }

    record Health(String status, String timestamp, String service, String version) {
    }
}
