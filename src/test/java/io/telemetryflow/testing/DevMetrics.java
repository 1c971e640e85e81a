package io.telemetryflow.testing;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flattens the metrics an {@link OtlpReceiver} decoded into data points (one per OTLP point), the
 * input of {@link CoreTables#metrics}. A counter point is its (cumulative or delta) sum, a gauge
 * point its reading, a histogram or summary point its sum of measurements.
 */
final class DevMetrics {

  private DevMetrics() {}

  /** One data point, flattened. {@code seq} is the arrival order (ties of timestamps). */
  record Point(String name, Metric.DataCase type, boolean cumulative, long timeNanos, double value, long count,
      double min, double max, Map<String, Object> attributes, Map<String, Object> resource, long seq) {

    boolean isHistogramLike() {
      return type == Metric.DataCase.HISTOGRAM || type == Metric.DataCase.EXPONENTIAL_HISTOGRAM
          || type == Metric.DataCase.SUMMARY;
    }

    List<Object> seriesKey() {
      return List.of(name, attributes, resource);
    }
  }

  static List<Point> points(List<ReceivedMetric> metrics) {
    List<Point> points = new ArrayList<>();
    long seq = 0;
    for (ReceivedMetric rm : metrics) {
      Metric m = rm.metric();
      Map<String, Object> resource = rm.resourceAttributes();
      switch (m.getDataCase()) {
        case GAUGE -> {
          for (NumberDataPoint p : m.getGauge().getDataPointsList()) {
            points.add(number(m, false, p, resource, seq++));
          }
        }
        case SUM -> {
          boolean cumulative = m.getSum().getAggregationTemporality()
              != AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
          for (NumberDataPoint p : m.getSum().getDataPointsList()) {
            points.add(number(m, cumulative, p, resource, seq++));
          }
        }
        case HISTOGRAM -> {
          boolean cumulative = m.getHistogram().getAggregationTemporality()
              != AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
          for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
            points.add(new Point(m.getName(), m.getDataCase(), cumulative, p.getTimeUnixNano(), p.getSum(),
                p.getCount(), p.hasMin() ? p.getMin() : Double.NaN, p.hasMax() ? p.getMax() : Double.NaN,
                attrs(p.getAttributesList()), resource, seq++));
          }
        }
        case EXPONENTIAL_HISTOGRAM -> {
          boolean cumulative = m.getExponentialHistogram().getAggregationTemporality()
              != AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
          for (ExponentialHistogramDataPoint p : m.getExponentialHistogram().getDataPointsList()) {
            points.add(new Point(m.getName(), m.getDataCase(), cumulative, p.getTimeUnixNano(), p.getSum(),
                p.getCount(), p.hasMin() ? p.getMin() : Double.NaN, p.hasMax() ? p.getMax() : Double.NaN,
                attrs(p.getAttributesList()), resource, seq++));
          }
        }
        case SUMMARY -> {
          for (SummaryDataPoint p : m.getSummary().getDataPointsList()) {
            points.add(new Point(m.getName(), m.getDataCase(), true, p.getTimeUnixNano(), p.getSum(), p.getCount(),
                Double.NaN, Double.NaN, attrs(p.getAttributesList()), resource, seq++));
          }
        }
        default -> { }
      }
    }
    return points;
  }

  private static Point number(Metric m, boolean cumulative, NumberDataPoint p, Map<String, Object> resource, long seq) {
    double v = p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
    return new Point(m.getName(), m.getDataCase(), cumulative, p.getTimeUnixNano(), v, 1, v, v,
        attrs(p.getAttributesList()), resource, seq);
  }

  private static Map<String, Object> attrs(List<KeyValue> kvs) {
    return AnyValues.toMap(kvs);
  }
}
