package io.telemetryflow.devbackend;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One metric of one export as received, with the resource and instrumentation scope it was exported
 * under. Data points are looked up by their exact attribute set.
 *
 * @param metric the raw proto metric
 * @param resource the resource of its {@code ResourceMetrics}
 * @param scope the instrumentation scope of its {@code ScopeMetrics}
 * @param export the export call that carried it
 */
public record ReceivedMetric(Metric metric, Resource resource, InstrumentationScope scope, ReceivedExport export) {

  /** Flattens the metrics of metric exports, in arrival order; other signals are skipped. */
  static List<ReceivedMetric> flatten(List<ReceivedExport> exports) {
    List<ReceivedMetric> metrics = new ArrayList<>();
    for (ReceivedExport export : exports) {
      if (export.signal() != Signal.METRICS) {
        continue;
      }
      for (ResourceMetrics resourceMetrics : export.metricsRequest().getResourceMetricsList()) {
        for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
          for (Metric metric : scopeMetrics.getMetricsList()) {
            metrics.add(new ReceivedMetric(metric, resourceMetrics.getResource(), scopeMetrics.getScope(), export));
          }
        }
      }
    }
    return metrics;
  }

  /** The metric name. */
  public String name() {
    return metric.getName();
  }

  /** The metric unit. */
  public String unit() {
    return metric.getUnit();
  }

  /** The metric description. */
  public String description() {
    return metric.getDescription();
  }

  /** The metric type: GAUGE, SUM, HISTOGRAM, EXPONENTIAL_HISTOGRAM or SUMMARY. */
  public Metric.DataCase type() {
    return metric.getDataCase();
  }

  /** The resource attributes as plain Java values. */
  public Map<String, Object> resourceAttributes() {
    return AnyValues.toMap(resource.getAttributesList());
  }

  /** The instrumentation scope name (the meter name). */
  public String scopeName() {
    return scope.getName();
  }

  /**
   * The attributes of this metric's only data point (metrics carry attributes per data point);
   * fails when there is not exactly one. With several points use {@link #dataPointAttributes()}.
   */
  public Map<String, Object> attributes() {
    List<Map<String, Object>> all = dataPointAttributes();
    if (all.size() != 1) {
      throw new AssertionError("metric '" + name() + "' has " + all.size() + " data points, not 1: " + all);
    }
    return all.get(0);
  }

  /** The attribute sets of all data points, whatever the metric type. */
  public List<Map<String, Object>> dataPointAttributes() {
    List<List<KeyValue>> sets = new ArrayList<>();
    switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsList().forEach(p -> sets.add(p.getAttributesList()));
      case SUM -> metric.getSum().getDataPointsList().forEach(p -> sets.add(p.getAttributesList()));
      case HISTOGRAM -> metric.getHistogram().getDataPointsList().forEach(p -> sets.add(p.getAttributesList()));
      case EXPONENTIAL_HISTOGRAM ->
          metric.getExponentialHistogram().getDataPointsList().forEach(p -> sets.add(p.getAttributesList()));
      case SUMMARY -> metric.getSummary().getDataPointsList().forEach(p -> sets.add(p.getAttributesList()));
      default -> { }
    }
    return sets.stream().map(AnyValues::toMap).toList();
  }

  /** Whether a SUM is monotonic (a counter); false for other types. */
  public boolean isMonotonic() {
    return metric.getDataCase() == Metric.DataCase.SUM && metric.getSum().getIsMonotonic();
  }

  /** The aggregation temporality of a SUM or (exponential) histogram; UNSPECIFIED otherwise. */
  public AggregationTemporality temporality() {
    return switch (metric.getDataCase()) {
      case SUM -> metric.getSum().getAggregationTemporality();
      case HISTOGRAM -> metric.getHistogram().getAggregationTemporality();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getAggregationTemporality();
      default -> AggregationTemporality.AGGREGATION_TEMPORALITY_UNSPECIFIED;
    };
  }

  /** The SUM data point whose attributes equal {@code attributes} (Integer values may stand for Long). */
  public NumberDataPoint sumPoint(Map<String, ?> attributes) {
    requireType(Metric.DataCase.SUM);
    return point(metric.getSum().getDataPointsList(), NumberDataPoint::getAttributesList, attributes);
  }

  /** The value (int or double, as double) of the SUM data point with exactly these attributes. */
  public double sumValue(Map<String, ?> attributes) {
    return numberValue(sumPoint(attributes));
  }

  /** The value of the SUM data point without attributes. */
  public double sumValue() {
    return sumValue(Map.of());
  }

  /** The GAUGE data point whose attributes equal {@code attributes}. */
  public NumberDataPoint gaugePoint(Map<String, ?> attributes) {
    requireType(Metric.DataCase.GAUGE);
    return point(metric.getGauge().getDataPointsList(), NumberDataPoint::getAttributesList, attributes);
  }

  /** The value (int or double, as double) of the GAUGE data point with exactly these attributes. */
  public double gaugeValue(Map<String, ?> attributes) {
    return numberValue(gaugePoint(attributes));
  }

  /** The value of the GAUGE data point without attributes. */
  public double gaugeValue() {
    return gaugeValue(Map.of());
  }

  /** The HISTOGRAM data point whose attributes equal {@code attributes}. */
  public HistogramDataPoint histogramPoint(Map<String, ?> attributes) {
    requireType(Metric.DataCase.HISTOGRAM);
    return point(metric.getHistogram().getDataPointsList(), HistogramDataPoint::getAttributesList, attributes);
  }

  /** The count of the HISTOGRAM data point with exactly these attributes. */
  public long histogramCount(Map<String, ?> attributes) {
    return histogramPoint(attributes).getCount();
  }

  /** The count of the HISTOGRAM data point without attributes. */
  public long histogramCount() {
    return histogramCount(Map.of());
  }

  /** The sum of the HISTOGRAM data point with exactly these attributes. */
  public double histogramSum(Map<String, ?> attributes) {
    return histogramPoint(attributes).getSum();
  }

  /** The sum of the HISTOGRAM data point without attributes. */
  public double histogramSum() {
    return histogramSum(Map.of());
  }

  private void requireType(Metric.DataCase expected) {
    if (metric.getDataCase() != expected) {
      throw new AssertionError("metric '" + name() + "' is a " + metric.getDataCase() + ", not a " + expected);
    }
  }

  private <P> P point(List<P> points, Function<P, List<KeyValue>> attributesOf, Map<String, ?> expected) {
    Map<String, Object> wanted = AnyValues.normalize(expected);
    for (P point : points) {
      if (AnyValues.toMap(attributesOf.apply(point)).equals(wanted)) {
        return point;
      }
    }
    throw new AssertionError("metric '" + name() + "' has no data point with attributes " + wanted
        + "; data points have " + dataPointAttributes());
  }

  private static double numberValue(NumberDataPoint point) {
    return point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
  }

  /** A short summary: name, type and data point attribute sets. */
  @Override
  public String toString() {
    return "ReceivedMetric[" + name() + " " + type() + " points=" + dataPointAttributes() + "]";
  }
}
