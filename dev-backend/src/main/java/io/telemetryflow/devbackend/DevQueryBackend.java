package io.telemetryflow.devbackend;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A local stand-in for TelemetryFlow Core's query API (TELEMETRYFLOW-PLATFORM.md §2), answering
 * from what an {@link OtlpReceiver} actually received, stored as Core's ClickHouse tables would
 * hold it ({@link CoreTables}).
 *
 * <p>Routes, as Core serves them: {@code POST /api/v2/auth/login}, {@code POST /api/v2/auth/refresh}
 * ({@link CoreAuth}: JWT, 5 logins per 15 minutes, MFA users); under {@code /api/v2/query/signals}:
 * {@code POST metrics}, {@code GET metrics/names}, {@code GET metrics/labels/{label}}, {@code POST logs},
 * {@code GET logs/severity-levels}, {@code POST logs/count-by-severity}, {@code POST traces},
 * {@code POST traces/summaries}, {@code GET traces/{traceId}} (bare array, 404 when none); and
 * {@code GET /health}. Query routes need a valid access token (401 otherwise) and answer the
 * {@code {data, total, metadata, pagination}} envelope with snake_case rows; errors are Core's
 * {@code {error:{code, message, statusCode, timestamp, path}}}. Validation follows Core's DTOs
 * (missing or non-ISO {@code from}/{@code to} → 400 with a list of messages; {@code from} after
 * {@code to} → 500, as Core's TimeRange throws a plain Error). Core's known quirks are kept where
 * a client must tolerate them: metric buckets newest first, counts as strings.
 *
 * <p>For fault tests, {@link #respondNext} answers the next request with a canned response, and
 * {@link #clock()} can be moved forward to expire tokens. Every request is recorded ({@link #requests()}).
 * Thread-safe; binds 127.0.0.1 only.
 */
public final class DevQueryBackend implements AutoCloseable {

  /** The default user of {@link #start(OtlpReceiver)}. */
  public static final String DEV_EMAIL = "dev@telemetryflow.local";
  /** The default password of {@link #start(OtlpReceiver)}. */
  public static final String DEV_PASSWORD = "dev-password-change-me";

  private static final String HOST = "127.0.0.1";
  private static final String SIGNALS = "/api/v2/query/signals/";
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{1,64}");
  private static final Set<String> AGGREGATIONS = Set.of("count", "sum", "avg", "min", "max", "p50", "p90", "p95", "p99");
  private static final Map<String, Long> INTERVALS = Map.of("1m", 60L, "5m", 300L, "15m", 900L, "30m", 1800L,
      "1h", 3600L, "6h", 21600L, "12h", 43200L, "1d", 86400L);
  private static final int MAX_RECORDED = 1000;

  /**
   * One request as it arrived.
   *
   * @param method the HTTP method
   * @param uri the raw request URI
   * @param headers request headers, names in lower case
   * @param body the request body as text
   * @param status the status it was answered with
   */
  public record Request(String method, URI uri, Map<String, String> headers, String body, int status) {
    /** Copies. */
    public Request {
      headers = Map.copyOf(headers);
    }
  }

  /** A clock the tests move forward (token expiry without waiting). */
  public static final class MovableClock extends Clock {
    private final AtomicLong offsetMillis = new AtomicLong();

    /** Moves this clock {@code by} forward. */
    public void advance(Duration by) {
      offsetMillis.addAndGet(by.toMillis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return Instant.now().plusMillis(offsetMillis.get());
    }
  }

  /** Options of {@link #start(OtlpReceiver, Options)}. */
  public record Options(String email, String password, boolean mfa, Duration accessTtl, Duration refreshTtl,
                        boolean denyReads) {
    /** The defaults: the dev user, Core's token lifetimes, no MFA, all permissions. */
    public static Options defaults() {
      return new Options(DEV_EMAIL, DEV_PASSWORD, false, Duration.ofMinutes(15), Duration.ofDays(7), false);
    }

    /** The same with another user. */
    public Options user(String email, String password) {
      return new Options(email, password, mfa, accessTtl, refreshTtl, denyReads);
    }

    /** The same with MFA enabled for the user. */
    public Options withMfa() {
      return new Options(email, password, true, accessTtl, refreshTtl, denyReads);
    }

    /** The same with other token lifetimes. */
    public Options tokens(Duration access, Duration refresh) {
      return new Options(email, password, mfa, access, refresh, denyReads);
    }

    /** The same for a user without the {@code telemetry:*:read} permissions (403). */
    public Options withoutReadPermission() {
      return new Options(email, password, mfa, accessTtl, refreshTtl, true);
    }
  }

  private record Canned(int status, String contentType, byte[] body, Duration delay) {}

  private final OtlpReceiver receiver;
  private final Options options;
  private final MovableClock clock = new MovableClock();
  private final CoreAuth auth;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Deque<Request> requests = new ArrayDeque<>();
  private final Deque<Canned> canned = new ArrayDeque<>();
  private final AtomicBoolean stopped = new AtomicBoolean();

  private DevQueryBackend(OtlpReceiver receiver, Options options, int port) throws IOException {
    this.receiver = Objects.requireNonNull(receiver, "receiver");
    this.options = options;
    this.auth = new CoreAuth(options.email(), options.password(), options.mfa(), options.accessTtl(),
        options.refreshTtl(), clock);
    this.server = HttpServers.create(new InetSocketAddress(InetAddress.getByName(HOST), port), 64);
    this.executor = DaemonThreads.cachedPool("dev-query-backend");
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts on a free port of 127.0.0.1 with the dev user ({@link #DEV_EMAIL} / {@link #DEV_PASSWORD}). */
  public static DevQueryBackend start(OtlpReceiver receiver) {
    return start(receiver, Options.defaults());
  }

  /** Starts on a free port of 127.0.0.1. */
  public static DevQueryBackend start(OtlpReceiver receiver, Options options) {
    return start(receiver, options, 0);
  }

  /** Starts on {@code port} of 127.0.0.1 (0: a free one). */
  public static DevQueryBackend start(OtlpReceiver receiver, Options options, int port) {
    try {
      return new DevQueryBackend(receiver, options, port);
    } catch (IOException e) {
      throw new UncheckedIOException("DevQueryBackend could not bind " + HOST + ":" + port, e);
    }
  }

  /** The base URL for the SDK's {@code queryEndpoint}, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://" + HOST + ":" + port();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The user's e-mail. */
  public String email() {
    return options.email();
  }

  /** The user's password. */
  public String password() {
    return options.password();
  }

  /** The stand-in's clock; move it forward to expire tokens. */
  public MovableClock clock() {
    return clock;
  }

  /** Successful and failed login attempts so far (rate-limited ones excluded). */
  public int logins() {
    return auth.logins();
  }

  /** Successful refreshes so far. */
  public int refreshes() {
    return auth.refreshes();
  }

  /** Answers the next request (of any route) with this canned response, after {@code delay}. */
  public void respondNext(int status, String contentType, byte[] body, Duration delay) {
    synchronized (canned) {
      canned.addLast(new Canned(status, contentType, body, delay));
    }
  }

  /** Answers the next request with Core's error body. */
  public void respondNextError(int status, String code, String message) {
    respondNext(status, "application/json", DevJson.write(error(status, code, message, "/")), Duration.ZERO);
  }

  /** The last (up to 1000) requests, oldest first. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Stops the server; idempotent. */
  public void stop() {
    if (stopped.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "DevQueryBackend[" + url() + "]";
  }

  // ---- HTTP ------------------------------------------------------------------------------

  private record Answer(int status, Object body) {}

  /** Thrown by a route: answered with Core's error body. */
  private static final class Failure extends RuntimeException {
    final int status;
    final String code;
    final Object message;

    Failure(int status, String code, Object message) {
      super(String.valueOf(message), null, false, false);
      this.status = status;
      this.code = code;
      this.message = message;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getRawPath();
    Canned next;
    synchronized (canned) {
      next = canned.pollFirst();
    }
    if (next != null) {
      record(exchange, raw, next.status());
      sleep(next.delay());
      respond(exchange, next.status(), next.contentType(), next.body());
      return;
    }
    Answer answer;
    try {
      answer = route(exchange, path, raw);
    } catch (Failure f) {
      answer = new Answer(f.status, error(f.status, f.code, f.message, path));
    } catch (RuntimeException e) {
      answer = new Answer(500, error(500, "INTERNAL_SERVER_ERROR", "An unexpected error occurred", path));
    }
    record(exchange, raw, answer.status());
    respond(exchange, answer.status(), "application/json; charset=utf-8", DevJson.write(answer.body()));
  }

  private Answer route(HttpExchange exchange, String path, byte[] raw) {
    String method = exchange.getRequestMethod();
    if (path.equals("/health") && method.equals("GET")) {
      return new Answer(200, DevJson.object("status", "ok", "timestamp", clock.instant().toString(),
          "service", "telemetryflow-core (stand-in)", "version", "dev"));
    }
    if (path.equals("/api/v2/auth/login") && method.equals("POST")) {
      String client = exchange.getRemoteAddress().getAddress().getHostAddress();
      CoreAuth.Outcome o = auth.login(client, json(raw));
      return new Answer(o.status(), o.body());
    }
    if (path.equals("/api/v2/auth/refresh") && method.equals("POST")) {
      CoreAuth.Outcome o = auth.refresh(json(raw));
      return new Answer(o.status(), o.body());
    }
    if (!path.startsWith(SIGNALS)) {
      throw new Failure(404, "NOT_FOUND", "Cannot " + method + " " + path);
    }
    if (!auth.validAccessToken(exchange.getRequestHeaders().getFirst("authorization"))) {
      throw new Failure(401, "UNAUTHORIZED", "Unauthorized");
    }
    if (options.denyReads()) {
      throw new Failure(403, "FORBIDDEN", "Insufficient permissions");
    }
    String route = path.substring(SIGNALS.length());
    Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
    switch (method + " " + route) {
      case "POST metrics": return new Answer(200, metrics(json(raw)));
      case "GET metrics/names": return new Answer(200, metricNames(params));
      case "POST logs": return new Answer(200, logs(json(raw)));
      case "GET logs/severity-levels": return new Answer(200, severityLevels());
      case "POST logs/count-by-severity": return new Answer(200, countBySeverity(json(raw)));
      case "POST traces": return new Answer(200, spans(json(raw)));
      case "POST traces/summaries": return new Answer(200, summaries(json(raw)));
      default: break;
    }
    if (method.equals("GET") && route.startsWith("metrics/labels/")) {
      return new Answer(200, labelValues(decode(route.substring("metrics/labels/".length())), params));
    }
    if (method.equals("GET") && route.startsWith("traces/") && TRACE_ID.matcher(route.substring(7)).matches()) {
      return trace(route.substring(7));
    }
    throw new Failure(404, "NOT_FOUND", "Cannot " + method + " " + path);
  }

  // ---- metrics -----------------------------------------------------------------------------

  private Object metrics(Map<?, ?> body) {
    long[] range = range(body);
    String aggregation = optionalText(body, "aggregation");
    if (aggregation != null && !AGGREGATIONS.contains(aggregation)) {
      throw new Failure(400, "BAD_REQUEST", List.of("aggregation must be one of the following values: "
          + String.join(", ", new java.util.TreeSet<>(AGGREGATIONS))));
    }
    String interval = optionalText(body, "interval");
    if (interval != null && !INTERVALS.containsKey(interval)) {
      throw new Failure(400, "BAD_REQUEST", List.of("Invalid interval: " + interval));
    }
    long bucketNanos = INTERVALS.get(interval == null ? suggestInterval(range) : interval) * 1_000_000_000L;
    Set<String> names = new LinkedHashSet<>();
    if (optionalText(body, "metricName") != null) {
      names.add(optionalText(body, "metricName"));
    }
    if (body.get("metricNames") instanceof List<?> list) {
      list.forEach(n -> names.add(String.valueOf(n)));
    }
    Map<String, String> labels = stringMap(body, "labels");
    String service = optionalText(body, "serviceName");
    List<CoreTables.Row> rows = CoreTables.metrics(receiver.metrics()).stream()
        .filter(r -> inRange(r, range) && (names.isEmpty() || names.contains(r.text("metric_name")))
            && (service == null || service.equals(r.text("service_name")))
            && contains(r.map("metric_attributes"), labels))
        .toList();
    // Core: toStartOfInterval buckets, the aggregate as "value", newest first; without an
    // aggregation it selects the bucket only (a quirk of ClickHouseQueryBuilder).
    TreeMap<Long, List<Double>> buckets = new TreeMap<>(Comparator.reverseOrder());
    for (CoreTables.Row r : rows) {
      buckets.computeIfAbsent(Math.floorDiv(r.timeNanos(), bucketNanos) * bucketNanos, k -> new ArrayList<>())
          .add(((Number) r.columns().get("value")).doubleValue());
    }
    List<Map<String, Object>> data = new ArrayList<>();
    buckets.forEach((start, values) -> {
      Map<String, Object> row = DevJson.object("timestamp", CoreTables.clickhouseTime(start).substring(0, 19));
      if (aggregation != null) {
        row.put("value", aggregate(aggregation, values));
      }
      data.add(row);
    });
    return envelope(page(data, body), data.size(), body);
  }

  private static Object aggregate(String aggregation, List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return switch (aggregation) {
      case "count" -> Long.toString(values.size()); // UInt64: a string in JSONEachRow
      case "sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
      case "avg" -> values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      case "min" -> sorted.get(0);
      case "max" -> sorted.get(sorted.size() - 1);
      default -> sorted.get((int) Math.min(sorted.size() - 1,
          Math.floor(Integer.parseInt(aggregation.substring(1)) / 100.0 * sorted.size())));
    };
  }

  private static String suggestInterval(long[] range) {
    long hours = (range[1] - range[0]) / 3_600_000_000_000L;
    return hours <= 1 ? "1m" : hours <= 6 ? "5m" : hours <= 24 ? "15m" : hours <= 168 ? "1h" : "1d";
  }

  private Object metricNames(Map<String, String> params) {
    String prefix = params.get("prefix");
    Set<String> names = new java.util.TreeSet<>();
    CoreTables.metrics(receiver.metrics()).forEach(r -> names.add(r.text("metric_name")));
    List<String> out = names.stream().filter(n -> prefix == null || n.startsWith(prefix))
        .limit(limit(params, 100)).toList();
    return DevJson.object("names", out, "total", out.size());
  }

  private Object labelValues(String label, Map<String, String> params) {
    String metric = params.get("metricName");
    Set<String> values = new java.util.TreeSet<>();
    CoreTables.metrics(receiver.metrics()).stream()
        .filter(r -> metric == null || metric.equals(r.text("metric_name")))
        .map(r -> r.map("metric_attributes").get(label)).filter(v -> v != null && !v.isEmpty()).forEach(values::add);
    List<String> out = values.stream().limit(limit(params, 100)).toList();
    return DevJson.object("label", label, "values", out, "total", out.size());
  }

  // ---- logs --------------------------------------------------------------------------------

  private Object logs(Map<?, ?> body) {
    long[] range = range(body);
    String text = optionalText(body, "query");
    Set<String> severities = new LinkedHashSet<>();
    if (optionalText(body, "severityText") != null) {
      severities.add(optionalText(body, "severityText").toUpperCase(Locale.ROOT));
    }
    if (body.get("severityTexts") instanceof List<?> list) {
      list.forEach(s -> severities.add(String.valueOf(s).toUpperCase(Locale.ROOT)));
    }
    Map<String, String> logAttributes = stringMap(body, "logAttributes");
    Map<String, String> resourceAttributes = stringMap(body, "resourceAttributes");
    Predicate<CoreTables.Row> match = r -> inRange(r, range)
        && (text == null || r.text("body").toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)))
        && (severities.isEmpty() || severities.contains(r.text("severity_text").toUpperCase(Locale.ROOT)))
        && equalsIfSet(body, "serviceName", r.text("service_name"))
        && equalsIfSet(body, "traceId", r.text("trace_id")) && equalsIfSet(body, "spanId", r.text("span_id"))
        && contains(r.map("log_attributes"), logAttributes) && contains(r.map("resource_attributes"), resourceAttributes);
    List<Map<String, Object>> all = newestFirst(CoreTables.logs(receiver.logs()), match);
    return envelope(page(all, body), all.size(), body);
  }

  private Object severityLevels() {
    Set<String> levels = new java.util.TreeSet<>();
    CoreTables.logs(receiver.logs()).forEach(r -> levels.add(r.text("severity_text")));
    return List.copyOf(levels);
  }

  private Object countBySeverity(Map<?, ?> body) {
    long[] range = range(body);
    Map<String, Long> counts = new TreeMap<>();
    CoreTables.logs(receiver.logs()).stream().filter(r -> inRange(r, range))
        .forEach(r -> counts.merge(r.text("severity_text"), 1L, Long::sum));
    return DevJson.object("counts", counts);
  }

  // ---- traces ------------------------------------------------------------------------------

  private Object spans(Map<?, ?> body) {
    long[] range = range(body);
    Map<String, String> spanAttributes = stringMap(body, "spanAttributes");
    Map<String, String> resourceAttributes = stringMap(body, "resourceAttributes");
    Predicate<CoreTables.Row> match = r -> inRange(r, range)
        && equalsIfSet(body, "traceId", r.text("trace_id")) && equalsIfSet(body, "spanName", r.text("span_name"))
        && equalsIfSet(body, "spanKind", r.text("span_kind")) && equalsIfSet(body, "serviceName", r.text("service_name"))
        && equalsIfSet(body, "statusCode", r.text("status_code"))
        && durationWithin(body, (Double) r.columns().get("durationMs"))
        && (!(body.get("hasError") instanceof Boolean e) || e == r.text("status_code").equals("ERROR"))
        && contains(r.map("span_attributes"), spanAttributes) && contains(r.map("resource_attributes"), resourceAttributes);
    List<Map<String, Object>> all = newestFirst(CoreTables.spans(receiver.spans()), match);
    return envelope(page(all, body), all.size(), body);
  }

  /** Core's summaries: service, error and duration filters only (span name and attributes are not applied). */
  private Object summaries(Map<?, ?> body) {
    long[] range = range(body);
    Map<String, List<CoreTables.Row>> byTrace = new LinkedHashMap<>();
    CoreTables.spans(receiver.spans()).forEach(r -> byTrace.computeIfAbsent(r.text("trace_id"), k -> new ArrayList<>()).add(r));
    List<Map<String, Object>> all = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    byTrace.forEach((traceId, rows) -> {
      Set<String> ids = new LinkedHashSet<>();
      rows.forEach(r -> ids.add(r.text("span_id")));
      CoreTables.Row root = rows.stream().filter(r -> !ids.contains(r.text("parent_span_id")))
          .min(Comparator.comparingLong(CoreTables.Row::timeNanos)).orElse(rows.get(0));
      long start = rows.stream().mapToLong(CoreTables.Row::timeNanos).min().orElseThrow();
      long end = rows.stream().mapToLong(r -> r.timeNanos() + Long.parseLong(r.text("duration_ns"))).max().orElseThrow();
      long errors = rows.stream().filter(r -> r.text("status_code").equals("ERROR")).count();
      double durationMs = (end - start) / 1_000_000.0;
      boolean keep = start >= range[0] && start < range[1]
          && equalsIfSet(body, "serviceName", root.text("service_name"))
          && (!(body.get("hasError") instanceof Boolean e) || e == (errors > 0)) && durationWithin(body, durationMs);
      if (keep) {
        all.add(DevJson.object("traceId", traceId, "rootServiceName", root.text("service_name"),
            "rootSpanName", root.text("span_name"), "durationMs", durationMs, "spanCount", rows.size(),
            "errorCount", errors, "startTime", java.time.Instant.ofEpochSecond(0, start).toString(),
            "endTime", java.time.Instant.ofEpochSecond(0, end).toString(),
            "services", rows.stream().map(r -> r.text("service_name")).distinct().toList(), "hasLogs",
            CoreTables.logs(receiver.logs()).stream().anyMatch(l -> l.text("trace_id").equals(traceId))));
        starts.add(start);
      }
    });
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing((Integer i) -> starts.get(i)).reversed());
    List<Map<String, Object>> sorted = order.stream().map(all::get).toList();
    return envelope(page(sorted, body), sorted.size(), body);
  }

  private Answer trace(String traceId) {
    List<Map<String, Object>> spans = CoreTables.spans(receiver.spans()).stream()
        .filter(r -> r.text("trace_id").equalsIgnoreCase(traceId))
        .sorted(Comparator.comparingLong(CoreTables.Row::timeNanos)).limit(1000).map(CoreTables.Row::columns).toList();
    if (spans.isEmpty()) {
      throw new Failure(404, "NOT_FOUND", "Trace with ID " + traceId + " not found");
    }
    return new Answer(200, spans);
  }

  // ---- shared ------------------------------------------------------------------------------

  /** Core's error body. */
  static Map<String, Object> error(int status, String code, Object message, String path) {
    return DevJson.object("error", DevJson.object("code", code, "message", message, "statusCode", status,
        "timestamp", Instant.now().toString(), "path", path));
  }

  private static Map<String, Object> envelope(List<Map<String, Object>> data, int total, Map<?, ?> body) {
    Map<String, Object> envelope = DevJson.object("data", data, "total", total, "metadata",
        DevJson.object("queryId", UUID.randomUUID().toString(), "executionTimeMs", 1, "dataSource", "clickhouse",
            "cached", false));
    if (body.get("pagination") instanceof Map<?, ?> p) {
      int page = intOf(p.get("page"), 1);
      int limit = intOf(p.get("limit"), 100);
      envelope.put("pagination", DevJson.object("page", page, "limit", limit,
          "totalPages", (int) Math.ceil(total / (double) limit), "hasNext", (long) page * limit < total,
          "hasPrev", page > 1));
    }
    return envelope;
  }

  private static List<Map<String, Object>> page(List<Map<String, Object>> all, Map<?, ?> body) {
    int page = 1;
    int limit = 100;
    if (body.get("pagination") instanceof Map<?, ?> p) {
      page = intOf(p.get("page"), 1);
      limit = intOf(p.get("limit"), 100);
      if (page < 1 || limit < 1) {
        throw new Failure(400, "BAD_REQUEST", List.of("page must not be less than 1", "limit must not be less than 1"));
      }
    }
    long from = (long) (page - 1) * limit;
    return from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + limit));
  }

  private static List<Map<String, Object>> newestFirst(List<CoreTables.Row> rows, Predicate<CoreTables.Row> match) {
    List<CoreTables.Row> kept = new ArrayList<>(rows.stream().filter(match).toList());
    java.util.Collections.reverse(kept); // ties: last received first
    kept.sort(Comparator.comparingLong(CoreTables.Row::timeNanos).reversed());
    return kept.stream().map(CoreTables.Row::columns).toList();
  }

  /** {@code from}/{@code to} as Core's DTO validates them, in epoch nanos. */
  private static long[] range(Map<?, ?> body) {
    List<String> problems = new ArrayList<>();
    Instant from = iso(body.get("from"), "from", problems);
    Instant to = iso(body.get("to"), "to", problems);
    if (!problems.isEmpty()) {
      throw new Failure(400, "BAD_REQUEST", problems);
    }
    if (from.isAfter(to)) {
      throw new Failure(500, "INTERNAL_SERVER_ERROR", "An unexpected error occurred"); // TimeRange throws a plain Error
    }
    return new long[] {nanos(from), nanos(to)};
  }

  private static Instant iso(Object value, String field, List<String> problems) {
    if (!(value instanceof String s) || s.isBlank()) {
      problems.add(field + " should not be empty");
      problems.add(field + " must be a valid ISO 8601 date string");
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      problems.add(field + " must be a valid ISO 8601 date string");
      return null;
    }
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static boolean inRange(CoreTables.Row r, long[] range) {
    return r.timeNanos() >= range[0] && r.timeNanos() <= range[1];
  }

  private static boolean durationWithin(Map<?, ?> body, double durationMs) {
    return !(body.get("minDurationMs") instanceof Number min && durationMs < min.doubleValue())
        && !(body.get("maxDurationMs") instanceof Number max && durationMs > max.doubleValue());
  }

  private static boolean equalsIfSet(Map<?, ?> body, String field, String actual) {
    Object expected = body.get(field);
    return expected == null || String.valueOf(expected).equalsIgnoreCase(actual);
  }

  private static boolean contains(Map<String, String> actual, Map<String, String> expected) {
    return expected.entrySet().stream().allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
  }

  private static String optionalText(Map<?, ?> body, String field) {
    Object v = body.get(field);
    return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v);
  }

  private static Map<String, String> stringMap(Map<?, ?> body, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body.get(field) instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }

  private static int intOf(Object v, int fallback) {
    return v instanceof Number n ? n.intValue() : fallback;
  }

  private static long limit(Map<String, String> params, int fallback) {
    try {
      return params.containsKey("limit") ? Long.parseLong(params.get("limit")) : fallback;
    } catch (NumberFormatException e) {
      throw new Failure(400, "BAD_REQUEST", List.of("limit must be an integer number"));
    }
  }

  private static Map<?, ?> json(byte[] raw) {
    try {
      return raw.length == 0 ? Map.of() : DevJson.read(raw, Map.class);
    } catch (IOException e) {
      throw new Failure(400, "BAD_REQUEST", "Unexpected token in JSON");
    }
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
    }
    return params;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private void record(HttpExchange exchange, byte[] body, int status) {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    Request r = new Request(exchange.getRequestMethod(), exchange.getRequestURI(), headers,
        new String(body, StandardCharsets.UTF_8), status);
    synchronized (requests) {
      if (requests.size() == MAX_RECORDED) {
        requests.removeFirst();
      }
      requests.addLast(r);
    }
  }

  private static void sleep(Duration d) {
    if (!d.isZero()) {
      try {
        Thread.sleep(d.toMillis()); // a slow server, on purpose: the client's timeout is under test
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("content-type", contentType);
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        } catch (IOException clientGone) {
          // the client timed out first: that is what a slow-server test checks
        }
      }
    }
  }
}
