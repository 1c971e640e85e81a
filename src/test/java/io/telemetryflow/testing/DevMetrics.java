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
 * The metrics side of {@link DevQueryBackend}: {@code GET /api/v1/metrics} and
 * {@code GET /api/v1/metrics/aggregate} over the data points an {@link OtlpReceiver} decoded.
 *
 * <p><b>Series.</b> A series is one metric name with one data point attribute set under one
 * resource (so two services never share a series). Filters and group-by keys match data point
 * attributes first, then resource attributes.
 *
 * <p><b>Point values.</b> A counter / up-down counter point is its (cumulative or delta) sum, a
 * gauge point its reading, a histogram or summary point its sum of measurements.
 *
 * <p><b>GET /api/v1/metrics</b> returns every point in [start, end) in time order. With
 * {@code groupBy}, points of the same group and timestamp are added up (like PromQL
 * {@code sum by}) and carry only the group-by attributes.
 *
 * <p><b>Aggregation.</b> First each series is reduced to its observations in the window:
 * <ul>
 *   <li>counters and up-down counters (OTLP sums): the latest point of a cumulative series
 *       (its running total), or the sum of the deltas of a delta series — one observation;
 *   <li>histograms and summaries: the latest cumulative point, or the deltas merged — which
 *       carries the measurements' sum, count, min and max;
 *   <li>gauges: every point is an observation.
 * </ul>
 * Then {@code sum} adds the observations (histograms: their sums), {@code count} counts them
 * (histograms: their measurement counts; counters: the series), {@code avg} is sum ÷ count,
 * {@code min}/{@code max} the extremes (histograms: their recorded min/max). Over nothing, sum
 * and count are 0 and avg/min/max are {@code null}. {@code groupBy} applies the same per group;
 * the top-level value is over all groups.
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

  /** sum / count / min / max of observations. */
  private static final class Stats {
    double sum;
    long count;
    double min = Double.NaN;
    double max = Double.NaN;

    void add(double s, long c, double lo, double hi) {
      sum += s;
      count += c;
      if (!Double.isNaN(lo)) {
        min = Double.isNaN(min) ? lo : Math.min(min, lo);
      }
      if (!Double.isNaN(hi)) {
        max = Double.isNaN(max) ? hi : Math.max(max, hi);
      }
    }

    Double result(String aggregation) {
      return switch (aggregation) {
        case "sum" -> sum;
        case "count" -> (double) count;
        case "avg" -> count == 0 ? null : sum / count;
        case "min" -> count == 0 ? null : DevJson.number(min);
        case "max" -> count == 0 ? null : DevJson.number(max);
        default -> throw new DevParams.BadRequest("unknown aggregation");
      };
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

  /** {@code GET /api/v1/metrics}. */
  static Map<String, Object> series(DevParams params, List<Point> all) {
    String name = params.required("name");
    List<Point> selected = select(params, all, name, params.prefixed("filter."));
    List<String> groupBy = params.csv("groupBy");
    List<Map<String, Object>> dataPoints = new ArrayList<>();
    if (groupBy.isEmpty()) {
      for (Point p : selected) {
        dataPoints.add(DevJson.object("timestamp", DevJson.timestamp(p.timeNanos()), "value", p.value(),
            "attributes", DevJson.attributes(p.attributes())));
      }
    } else {
      // (timestamp, group) → summed value; TreeMap keys keep time order, then group order.
      Map<Long, Map<String, Double>> byTime = new TreeMap<>();
      Map<String, Map<String, String>> groups = new LinkedHashMap<>();
      for (Point p : selected) {
        Map<String, String> group = DevAttributes.group(p.attributes(), p.resource(), groupBy);
        groups.putIfAbsent(group.toString(), group);
        byTime.computeIfAbsent(p.timeNanos(), t -> new TreeMap<>()).merge(group.toString(), p.value(), Double::sum);
      }
      byTime.forEach((t, values) -> values.forEach((g, v) -> dataPoints.add(DevJson.object(
          "timestamp", DevJson.timestamp(t), "value", v, "attributes", groups.get(g)))));
    }
    return DevJson.object("name", name, "dataPoints", dataPoints);
  }

  /** {@code GET /api/v1/metrics/aggregate}. */
  static Map<String, Object> aggregate(DevParams params, List<Point> all) {
    String name = params.required("name");
    String aggregation = params.required("aggregation").toLowerCase(Locale.ROOT);
    if (!List.of("sum", "avg", "min", "max", "count").contains(aggregation)) {
      throw new DevParams.BadRequest("parameter 'aggregation' must be sum, avg, min, max or count, got '"
          + aggregation + "'");
    }
    List<String> groupBy = params.csv("groupBy");
    Stats overall = new Stats();
    Map<String, Stats> perGroup = new TreeMap<>();
    Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    for (Point o : observations(select(params, all, name, params.prefixed("filter.")))) {
      overall.add(o.value(), o.count(), o.min(), o.max());
      if (!groupBy.isEmpty()) {
        Map<String, String> group = DevAttributes.group(o.attributes(), o.resource(), groupBy);
        groups.putIfAbsent(group.toString(), group);
        perGroup.computeIfAbsent(group.toString(), g -> new Stats()).add(o.value(), o.count(), o.min(), o.max());
      }
    }
    List<Map<String, Object>> groupJson = new ArrayList<>();
    perGroup.forEach((g, s) -> groupJson.add(DevJson.object("groupBy", groups.get(g), "value", s.result(aggregation))));
    return DevJson.object("name", name, "value", overall.result(aggregation), "groups", groupJson);
  }

  private static List<Point> select(DevParams params, List<Point> all, String name, Map<String, String> filters) {
    DevParams.Window window = params.window();
    return all.stream()
        .filter(p -> p.name().equals(name) && window.contains(p.timeNanos()))
        .filter(p -> DevAttributes.matches(p.attributes(), p.resource(), filters))
        .sorted(Comparator.comparingLong(Point::timeNanos).thenComparingLong(Point::seq))
        .toList();
  }

  /** Reduces each series to its observations, as the class comment explains; points come in time order. */
  private static List<Point> observations(List<Point> points) {
    List<Point> out = new ArrayList<>();
    Map<List<Object>, Point> perSeries = new LinkedHashMap<>();
    for (Point p : points) {
      if (p.type() == Metric.DataCase.GAUGE) {
        out.add(p);
      } else if (p.cumulative()) {
        perSeries.put(p.seriesKey(), p); // later points replace earlier: the latest running total
      } else {
        perSeries.merge(p.seriesKey(), p, DevMetrics::mergeDeltas);
      }
    }
    out.addAll(perSeries.values());
    return out;
  }

  private static Point mergeDeltas(Point a, Point b) {
    if (!a.isHistogramLike()) { // a delta counter series is one observation: its total
      double total = a.value() + b.value();
      return new Point(a.name(), a.type(), false, b.timeNanos(), total, 1, total, total, a.attributes(),
          a.resource(), b.seq());
    }
    return new Point(a.name(), a.type(), false, b.timeNanos(), a.value() + b.value(), a.count() + b.count(),
        minOf(a.min(), b.min()), maxOf(a.max(), b.max()), a.attributes(), a.resource(), b.seq());
  }

  private static double minOf(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
  }

  private static double maxOf(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
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
