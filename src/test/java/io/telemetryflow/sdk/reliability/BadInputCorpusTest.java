package io.telemetryflow.sdk.reliability;

import io.telemetryflow.sdk.internal.ClientInternals;

import static io.telemetryflow.sdk.reliability.Reliability.KEY_ID;
import static io.telemetryflow.sdk.reliability.Reliability.SECRET;
import static io.telemetryflow.sdk.reliability.Reliability.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.telemetryflow.sdk.TelemetryClient;
import io.telemetryflow.sdk.application.HealthStatus;
import io.telemetryflow.sdk.domain.ConfigKey;
import io.telemetryflow.sdk.domain.Protocol;
import io.telemetryflow.sdk.domain.Severity;
import io.telemetryflow.sdk.domain.SignalType;
import io.telemetryflow.sdk.domain.SpanKind;
import io.telemetryflow.sdk.domain.TelemetryConfig;
import io.telemetryflow.sdk.domain.TelemetryConfigException;
import io.telemetryflow.sdk.domain.TelemetryConfigParser;
import io.telemetryflow.devbackend.OtlpReceiver;
import io.telemetryflow.devbackend.ReceivedLog;
import io.telemetryflow.devbackend.ReceivedSpan;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * A corpus of bad input — configuration values for every key, and API arguments — each with its
 * documented outcome (see the {@code TelemetryClient} class comment): a clear exception naming the
 * key or argument, for configuration and programming errors at the API boundary (where the Go SDK
 * returns an error), or an accepted/adjusted record or a counted no-op. Never a crash of the
 * caller with anything else, never a hang (each case runs under a 10 s preemptive timeout), never
 * the secret in a message.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputCorpusTest {

    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(10);

    private static OtlpReceiver receiver;
    private static TelemetryClient client;

    @BeforeAll
    static void start() {
        receiver = OtlpReceiver.start();
        client = Reliability.builder(Protocol.HTTP, receiver).batch(Duration.ofMillis(100), 512).build().initialize();
    }

    @AfterAll
    static void stop() {
        client.shutdown(Duration.ofSeconds(5));
        receiver.stop();
    }

    // ------------------------------------------------------------------ configuration

    /** One bad configuration value: the exception must name {@code key} and show {@code shown} (or hide it). */
    record ConfigCase(ConfigKey key, String value, Map<String, String> also, String mustContain, String mustNotContain) {
        @Override
        public String toString() {
            return key.key() + "='" + value.replace("\u0001", "\\u0001") + "'" + (also.isEmpty() ? "" : " with " + also);
        }
    }

    private static ConfigCase bad(ConfigKey key, String value) {
        return new ConfigCase(key, value, Map.of(), key.key(), SECRET);
    }

    private static ConfigCase bad(ConfigKey key, String value, Map<String, String> also, String mustContain) {
        return new ConfigCase(key, value, also, mustContain, SECRET);
    }

    static List<ConfigCase> configCases() {
        return List.of(
            bad(ConfigKey.ENABLED, "yes"),
            bad(ConfigKey.API_KEY_ID, ""),
            bad(ConfigKey.API_KEY_ID, "key_without_prefix"),
            bad(ConfigKey.API_KEY_ID, SECRET), // swapped id and secret: the "id" must not be echoed
            new ConfigCase(ConfigKey.API_KEY_SECRET, "", Map.of(), ConfigKey.API_KEY_SECRET.key(), SECRET),
            new ConfigCase(ConfigKey.API_KEY_SECRET, "plain-secret-without-prefix-xyz", Map.of(),
                ConfigKey.API_KEY_SECRET.key(), "plain-secret-without-prefix-xyz"),
            new ConfigCase(ConfigKey.API_KEY_SECRET, "tfs_has whitespace inside", Map.of(),
                ConfigKey.API_KEY_SECRET.key(), "whitespace inside"),
            bad(ConfigKey.ENDPOINT, "ftp://collector.example.com:4317"),
            bad(ConfigKey.ENDPOINT, "collector.example.com:99999"),
            bad(ConfigKey.ENDPOINT, "http://collector.example.com:4317", Map.of(ConfigKey.INSECURE.key(), "false"),
                "telemetryflow.insecure=true"),
            bad(ConfigKey.ENDPOINT, "https://user:" + SECRET + "@collector.example.com:4317"),
            bad(ConfigKey.ENDPOINT, SECRET), // the secret pasted into another key is masked
            bad(ConfigKey.PROTOCOL, "udp"),
            bad(ConfigKey.INSECURE, "maybe"),
            bad(ConfigKey.TIMEOUT, "-5s"),
            bad(ConfigKey.TIMEOUT, "soon"),
            bad(ConfigKey.TIMEOUT, "0s"),
            bad(ConfigKey.COMPRESSION, "brotli"),
            bad(ConfigKey.RETRY_ENABLED, "sometimes"),
            bad(ConfigKey.RETRY_MAX_RETRIES, "9"),
            bad(ConfigKey.RETRY_MAX_RETRIES, "-1"),
            bad(ConfigKey.RETRY_MAX_RETRIES, "three"),
            bad(ConfigKey.RETRY_BACKOFF, "0ms"),
            bad(ConfigKey.SERVICE_NAME, "   "),
            bad(ConfigKey.SERVICE_VERSION, " "),
            bad(ConfigKey.SERVICE_NAMESPACE, ""),
            bad(ConfigKey.ENVIRONMENT, ""),
            bad(ConfigKey.COLLECTOR_ID, "col\u0001lector"),
            bad(ConfigKey.SIGNALS_METRICS, "on"),
            bad(ConfigKey.SIGNALS_LOGS, "1"),
            bad(ConfigKey.SIGNALS_TRACES, "y"),
            bad(ConfigKey.BATCH_TIMEOUT, "fast"),
            bad(ConfigKey.BATCH_MAX_SIZE, "0"),
            bad(ConfigKey.BATCH_MAX_SIZE, "1000001"),
            bad(ConfigKey.BATCH_MAX_QUEUE_SIZE, "10"), // below batch.max-size 512
            bad(ConfigKey.SPANS_MAX_OPEN, "0"),
            bad(ConfigKey.EXEMPLARS_ENABLED, "x"),
            bad(ConfigKey.METRICS_SELF_ENABLED, "sometimes"),
            bad(ConfigKey.METRICS_RUNTIME_ENABLED, "on"),
            bad(ConfigKey.LIMITS_ATTRIBUTES, "100000"),
            bad(ConfigKey.LIMITS_ATTRIBUTE_LENGTH, "long"),
            bad(ConfigKey.LIMITS_SPAN_EVENTS, "20000"),
            bad(ConfigKey.LIMITS_SPAN_LINKS, "x"),
            bad(ConfigKey.LIMITS_LOG_BODY_LENGTH, "-5"),
            bad(ConfigKey.METRICS_CARDINALITY_LIMIT, "unbounded"),
            bad(ConfigKey.HEALTH_ENABLED, "maybe"),
            bad(ConfigKey.TLS_CA_FILE, "/no/such/ca.pem"),
            bad(ConfigKey.TLS_CLIENT_CERT_FILE, "/no/such/client.pem"),
            bad(ConfigKey.TLS_CLIENT_KEY_FILE, "/no/such/client-key.pem"),
            bad(ConfigKey.BUFFER_DIRECTORY, "/dev/null"),
            bad(ConfigKey.TRACES_SAMPLER, "probabilistic"),
            bad(ConfigKey.TRACES_SAMPLER_ARG, "-0.5"),
            bad(ConfigKey.PROPAGATORS, "xray"),
            bad(ConfigKey.METRICS_HISTOGRAM_AGGREGATION, "log-linear"),
            bad(ConfigKey.API_V2, "v3"),
            bad(ConfigKey.QUERY_ENDPOINT, "ftp://query.example.com"),
            bad(ConfigKey.QUERY_ENDPOINT, "not a url"),
            bad(ConfigKey.COLLECTOR_NAME, "edge\n1"),
            bad(ConfigKey.COLLECTOR_HOSTNAME, "host\r\nx-injected: 1"),
            bad(ConfigKey.DATACENTER, " "),
            bad(ConfigKey.BUFFER_MAX_ITEMS, "10000001"),
            bad(ConfigKey.BUFFER_MAX_BYTES, "512"),
            bad(ConfigKey.TRACES_ENDPOINT, "ftp://traces.example.com"),
            bad(ConfigKey.METRICS_ENDPOINT, "http://metrics.example.com:4317"), // plaintext, not loopback
            bad(ConfigKey.LOGS_ENDPOINT, "logs.example.com:99999"),
            bad(ConfigKey.QUERY_TOKEN, " ", Map.of(ConfigKey.QUERY_ENDPOINT.key(), "https://core.example.com"),
                ConfigKey.QUERY_TOKEN.key()),
            new ConfigCase(ConfigKey.QUERY_EMAIL, "me@example.com", Map.of(),
                ConfigKey.QUERY_PASSWORD.key() + " is required", SECRET),
            new ConfigCase(ConfigKey.QUERY_PASSWORD, "pw-never-printed", Map.of(),
                ConfigKey.QUERY_EMAIL.key() + " is required", "pw-never-printed"),
            bad(ConfigKey.JAXRS_ENABLED, "perhaps"),
            bad(ConfigKey.LOGS_JUL_ENABLED, "perhaps"));
    }

    @TestFactory
    Stream<DynamicTest> badConfigurationValuesFailAtStartupNamingTheKey() {
        return configCases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Map<String, String> props = validConfig();
            props.putAll(c.also());
            props.put(c.key().key(), c.value());
            Throwable thrown = within(() -> TelemetryConfigParser.parse(props::get, Map.of(), null));
            assertThat(thrown).as("outcome of " + c).isInstanceOf(TelemetryConfigException.class);
            assertThat(thrown.getMessage()).contains(c.mustContain()).doesNotContain(c.mustNotContain());
            if (!c.key().isSecret() && c.value().length() > 4 && !c.value().contains(SECRET)
                && c.value().chars().noneMatch(Character::isISOControl)) {
                assertThat(thrown.getMessage()).as("names the bad value").contains(c.value().trim());
            }
        }));
    }

    @Test
    void theConfigurationCorpusCoversEveryKey() {
        Set<ConfigKey> covered = configCases().stream().map(ConfigCase::key).collect(Collectors.toSet());
        assertThat(EnumSet.complementOf(EnumSet.copyOf(covered))).as("keys without a bad-value case").isEmpty();
        assertThat(configCases()).hasSizeGreaterThanOrEqualTo(40);
    }

    @TestFactory
    Stream<DynamicTest> badCustomAttributesAndWholeConfigurations() {
        return Stream.of(
            DynamicTest.dynamicTest("telemetryflow.attributes.<blank key>", () -> {
                Throwable t = within(() -> TelemetryConfig.builder().apiKey(KEY_ID, SECRET).serviceName("s")
                    .attribute(" ", "v").build());
                assertThat(t).isInstanceOf(TelemetryConfigException.class).hasMessageContaining("telemetryflow.attributes.");
            }),
            DynamicTest.dynamicTest("telemetryflow.attributes.team=<null>", () -> {
                Throwable t = within(() -> TelemetryConfig.builder().apiKey(KEY_ID, SECRET).serviceName("s")
                    .attribute("team", null).build());
                assertThat(t).isInstanceOf(TelemetryConfigException.class).hasMessageContaining("telemetryflow.attributes.team");
            }),
            DynamicTest.dynamicTest("several bad keys are reported together", () -> {
                Map<String, String> props = validConfig();
                props.put(ConfigKey.PROTOCOL.key(), "udp");
                props.put(ConfigKey.TIMEOUT.key(), "soon");
                props.put(ConfigKey.API_KEY_SECRET.key(), "nope-" + SECRET.substring(4));
                Throwable t = within(() -> TelemetryConfigParser.parse(props::get, Map.of(), null));
                assertThat(((TelemetryConfigException) t).problems()).hasSize(3);
                assertThat(t.getMessage()).doesNotContain(SECRET.substring(4));
            }),
            DynamicTest.dynamicTest("enabled=false: nothing validated, no-op client", () -> {
                Map<String, String> props = new HashMap<>(Map.of(ConfigKey.ENABLED.key(), "false",
                    ConfigKey.PROTOCOL.key(), "udp"));
                assertThat(within(() -> TelemetryConfigParser.parse(props::get, Map.of(), null))).isNull();
            }));
    }

    private static Map<String, String> validConfig() {
        Map<String, String> props = new HashMap<>();
        props.put(ConfigKey.API_KEY_ID.key(), KEY_ID);
        props.put(ConfigKey.API_KEY_SECRET.key(), SECRET);
        props.put(ConfigKey.ENDPOINT.key(), "127.0.0.1:4317");
        props.put(ConfigKey.SERVICE_NAME.key(), "bad-input");
        return props;
    }

    // ------------------------------------------------------------------ API arguments

    /** Expects an IllegalArgumentException whose message contains {@code fragment}. */
    private static DynamicTest iae(String name, String fragment, Executable call) {
        return DynamicTest.dynamicTest(name + " -> IllegalArgumentException", () -> {
            Throwable thrown = within(call);
            assertThat(thrown).as(name).isInstanceOf(IllegalArgumentException.class);
            assertThat(thrown.getMessage()).contains(fragment).doesNotContain(SECRET);
        });
    }

    /**
     * Expects a record call that is rejected: no exception reaches the caller, nothing is recorded, and
     * {@code signal}'s {@code rejected} count in {@code health()} grows by one. ({@code fragment}: what the
     * logged cause names; the message is checked where the rule is, in the commands' own tests.)
     */
    private static DynamicTest rejected(String name, SignalType signal, String fragment, Executable call) {
        return DynamicTest.dynamicTest(name + " -> rejected, counted (" + fragment + ")", () -> {
            long before = client.health().signals().get(signal).rejected();
            assertThat(within(call)).as(name + ": nothing thrown").isNull();
            assertThat(client.health().signals().get(signal).rejected()).as(name).isEqualTo(before + 1);
        });
    }

    /** Expects the call to be accepted, then runs {@code check}. */
    private static DynamicTest accepted(String name, Executable call, Runnable check) {
        return DynamicTest.dynamicTest(name + " -> accepted", () -> {
            assertThat(within(call)).as(name).isNull();
            check.run();
        });
    }

    /** Expects a no-op counted as an unknown span id. */
    private static DynamicTest unknownSpan(String name, Consumer<TelemetryClient> call) {
        return DynamicTest.dynamicTest(name + " -> no-op, counted", () -> {
            long before = ClientInternals.runtime(client).spanHandlers().unknownSpanIdCount();
            long rejectedBefore = client.health().signals().get(SignalType.TRACES).rejected();
            assertThat(within(() -> call.accept(client))).as(name).isNull();
            assertThat(ClientInternals.runtime(client).spanHandlers().unknownSpanIdCount()).isEqualTo(before + 1);
            assertThat(client.health().signals().get(SignalType.TRACES).rejected()).as("visible in health()")
                .isEqualTo(rejectedBefore + 1);
        });
    }

    @TestFactory
    Stream<DynamicTest> badApiArguments() {
        String tooLong = "n" + "x".repeat(255);
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        return Stream.of(
            rejected("incrementCounter(null)", SignalType.METRICS, "counter name", () -> client.incrementCounter(null, 1)),
            rejected("incrementCounter(\"\")", SignalType.METRICS, "counter name", () -> client.incrementCounter("", 1)),
            rejected("incrementCounter(blank)", SignalType.METRICS, "counter name", () -> client.incrementCounter("  \t", 1)),
            rejected("incrementCounter(starts with digit)", SignalType.METRICS, "invalid metric name '9lives'", () -> client.incrementCounter("9lives", 1)),
            rejected("incrementCounter(space inside)", SignalType.METRICS, "invalid metric name", () -> client.incrementCounter("orders created", 1)),
            rejected("incrementCounter(256 chars)", SignalType.METRICS, "at most 255 characters", () -> client.incrementCounter(tooLong, 1)),
            rejected("incrementCounter(unicode name)", SignalType.METRICS, "invalid metric name", () -> client.incrementCounter("bestellungen.größe", 1)),
            rejected("incrementCounter(-1)", SignalType.METRICS, "must not be negative", () -> client.incrementCounter("bad.input.counter", -1)),
            rejected("incrementCounter(Long.MIN_VALUE)", SignalType.METRICS, "must not be negative",
                () -> client.incrementCounter("bad.input.counter", Long.MIN_VALUE)),
            rejected("recordGauge(null)", SignalType.METRICS, "gauge name", () -> client.recordGauge(null, 1)),
            rejected("recordGauge(NaN)", SignalType.METRICS, "finite", () -> client.recordGauge("bad.input.gauge", Double.NaN)),
            rejected("recordGauge(+Infinity)", SignalType.METRICS, "finite", () -> client.recordGauge("bad.input.gauge", Double.POSITIVE_INFINITY)),
            rejected("recordGauge(-Infinity)", SignalType.METRICS, "finite", () -> client.recordGauge("bad.input.gauge", Double.NEGATIVE_INFINITY)),
            rejected("recordHistogram(blank)", SignalType.METRICS, "histogram name", () -> client.recordHistogram(" ", 1, "s")),
            rejected("recordHistogram(NaN)", SignalType.METRICS, "finite", () -> client.recordHistogram("bad.input.histogram", Double.NaN, "s")),
            rejected("recordHistogram(-0.5)", SignalType.METRICS, "not negative", () -> client.recordHistogram("bad.input.histogram", -0.5, "s")),
            rejected("recordHistogram(+Infinity)", SignalType.METRICS, "finite",
                () -> client.recordHistogram("bad.input.histogram", Double.POSITIVE_INFINITY, "s")),
            rejected("recordMetric(NaN)", SignalType.METRICS, "finite", () -> client.recordMetric("bad.input.metric", Double.NaN, "ms")),
            rejected("recordMetric(null name)", SignalType.METRICS, "metric name", () -> client.recordMetric(null, 1, "ms")),
            rejected("log(null severity)", SignalType.LOGS, "severity", () -> client.log(null, "message")),
            rejected("logInfo(null message)", SignalType.LOGS, "message", () -> client.logInfo(null)),
            rejected("startSpan(null)", SignalType.TRACES, "span name", () -> client.startSpan(null)),
            rejected("startSpan(blank)", SignalType.TRACES, "span name", () -> client.startSpan("   ")),
            rejected("span(null)", SignalType.TRACES, "span name", () -> client.span(null)),
            rejected("endSpan(null)", SignalType.TRACES, "span id", () -> client.endSpan(null)),
            rejected("endSpan(\"\")", SignalType.TRACES, "span id", () -> client.endSpan("")),
            rejected("addSpanEvent(null id)", SignalType.TRACES, "span id", () -> client.addSpanEvent(null, "event", null)),
            rejected("addSpanEvent(null name)", SignalType.TRACES, "event name", () -> client.addSpanEvent(client.startSpan("bad.input.event"), null, null)),
            rejected("attribute map with a null key", SignalType.METRICS, "attribute keys must not be null",
                () -> client.incrementCounter("bad.input.counter", 1, nullKey)),
            accepted("span(name, null kind) is INTERNAL", () -> client.span("bad.input.kind", null).close(), () -> { }),
            iae("send(null)", "command", () -> client.send(null)),
            iae("ask(null)", "query", () -> client.ask(null)),
            iae("flush(null)", "timeout", () -> client.flush(null)),
            iae("shutdown(null) (client keeps running)", "timeout", () -> {
                try {
                    client.shutdown(null);
                } finally {
                    assertThat(client.isInitialized()).isTrue();
                }
            }),
            unknownSpan("endSpan(unknown id)", c -> c.endSpan("0123456789abcdef")),
            unknownSpan("endSpan(garbage id)", c -> c.endSpan("not-a-span-id")),
            unknownSpan("addSpanEvent(unknown id)", c -> c.addSpanEvent("fedcba9876543210", "event", Map.of())),
            unknownSpan("endSpan twice", c -> {
                String id = c.startSpan("bad.input.twice");
                c.endSpan(id);
                c.endSpan(id); // the counted one
            }),
            unknownSpan("addSpanEvent after endSpan", c -> {
                String id = c.startSpan("bad.input.late-event");
                c.endSpan(id);
                c.addSpanEvent(id, "too late", null);
            }),
            accepted("startSpan(kind null)", () -> client.endSpan(client.startSpan("bad.input.nokind", null, null)),
                () -> assertThat(receiver.awaitSpan("bad.input.nokind", WAIT).kind())
                    .isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL)),
            accepted("null attribute map", () -> client.incrementCounter("bad.input.nullmap", 3, null),
                () -> receiver.awaitMetric("bad.input.nullmap", m -> m.sumValue() == 3, WAIT)),
            accepted("null attribute value and blank key (left out)", () -> {
                Map<String, Object> attributes = new HashMap<>();
                attributes.put("kept", "yes");
                attributes.put("gone", null);
                attributes.put(" ", "blank key");
                client.incrementCounter("bad.input.nullvalue", 1, attributes);
            }, () -> assertThat(receiver.awaitMetric("bad.input.nullvalue", WAIT).attributes())
                .isEqualTo(Map.of("kept", "yes"))),
            accepted("unsupported value types (by toString)", () -> client.incrementCounter("bad.input.types", 1,
                Map.of("uuid", UUID.fromString("00000000-0000-0000-0000-000000000001"), "optional", Optional.of("x"),
                    "nested", Map.of("a", 1), "object", new Object() {
                        @Override
                        public String toString() {
                            return "custom";
                        }
                    })),
                () -> assertThat(receiver.awaitMetric("bad.input.types", WAIT).attributes())
                    .containsEntry("uuid", "00000000-0000-0000-0000-000000000001")
                    .containsEntry("optional", "Optional[x]").containsEntry("nested", "{a=1}")
                    .containsEntry("object", "custom")),
            accepted("value whose toString() throws (left out)", () -> client.incrementCounter("bad.input.throwing", 1,
                Map.of("ok", 1, "broken", new Object() {
                    @Override
                    public String toString() {
                        throw new IllegalStateException("broken toString");
                    }
                })),
                () -> assertThat(receiver.awaitMetric("bad.input.throwing", WAIT).attributes()).isEqualTo(Map.of("ok", 1L))),
            accepted("array and list with null elements", () -> client.incrementCounter("bad.input.nullelements", 1,
                Map.of("array", new String[] {"a", null, "b"}, "list", Arrays.asList(1, null, 2))),
                () -> assertThat(receiver.awaitMetric("bad.input.nullelements", WAIT).attributes())
                    .containsEntry("array", List.of("a", "b")).containsEntry("list", List.of(1L, 2L))),
            accepted("10k-entry attribute map on a counter (128 kept)",
                () -> client.incrementCounter("bad.input.wide", 1, wideMap()),
                () -> assertThat(receiver.awaitMetric("bad.input.wide", WAIT).attributes()).hasSize(128)),
            accepted("10k-entry attribute map on a span (128 kept)",
                () -> client.endSpan(client.startSpan("bad.input.wide-span", SpanKind.SERVER, wideMap())),
                () -> {
                    ReceivedSpan span = receiver.awaitSpan("bad.input.wide-span", WAIT);
                    assertThat(span.attributes()).hasSize(128);
                }),
            accepted("10k-entry attribute map on a log (128 kept)",
                () -> client.logWarn("bad-input-wide-log", wideMap()),
                () -> {
                    ReceivedLog log = receiver.awaitLog("bad-input-wide-log", WAIT);
                    assertThat(log.attributes()).hasSize(128);
                }),
            accepted("1 MB log message (cut at telemetryflow.limits.log-body-length, marked)",
                () -> client.log(Severity.INFO, "big:" + "m".repeat(1 << 20)),
                () -> assertThat(receiver.awaitLog(l -> l.body().startsWith("big:"), WAIT).body())
                    .startsWith("big:" + "m".repeat(65_536 - 4)).endsWith("characters truncated by telemetryflow.limits.log-body-length]")),
            accepted("100k-char attribute value", () -> client.incrementCounter("bad.input.longvalue", 1,
                Map.of("v", "v".repeat(100_000))),
                () -> assertThat((String) receiver.awaitMetric("bad.input.longvalue", WAIT).attributes().get("v")).hasSize(100_000)),
            accepted("incrementCounter(Long.MAX_VALUE)", () -> client.incrementCounter("bad.input.max", Long.MAX_VALUE),
                () -> receiver.awaitMetric("bad.input.max", WAIT)),
            accepted("255-char metric name (the limit)", () -> client.incrementCounter("n" + "x".repeat(254), 1),
                () -> receiver.awaitMetric("n" + "x".repeat(254), WAIT)),
            accepted("odd unit", () -> client.recordHistogram("bad.input.unit", 1, "µs/☃"),
                () -> assertThat(receiver.awaitMetric("bad.input.unit", WAIT).unit()).isEqualTo("µs/☃")),
            accepted("null unit", () -> client.recordHistogram("bad.input.nounit", 1, null),
                () -> assertThat(receiver.awaitMetric("bad.input.nounit", WAIT).unit()).isEmpty()),
            accepted("same name as counter and gauge", () -> {
                client.incrementCounter("bad.input.both", 1);
                client.recordGauge("bad.input.both", 2);
            }, () -> receiver.awaitMetric("bad.input.both", WAIT)),
            accepted("flush(negative timeout) does not wait", () -> {
                long t = System.nanoTime();
                client.flush(Duration.ofSeconds(-1));
                assertThat(Reliability.millisSince(t)).isLessThan(1000);
            }, () -> { }),
            accepted("double endSpan exports the span once", () -> {
                String id = client.startSpan("bad.input.once");
                client.endSpan(id);
                client.endSpan(id, new IllegalStateException("second end"));
            }, () -> {
                receiver.awaitSpan("bad.input.once", WAIT);
                client.flush(Duration.ofSeconds(5));
                assertThat(receiver.spans().stream().filter(s -> s.name().equals("bad.input.once"))).hasSize(1);
            }));
    }

    @TestFactory
    Stream<DynamicTest> lifecycleMisuse() {
        return Stream.of(
            DynamicTest.dynamicTest("record before initialize() -> ignored, logged once, nothing thrown", () -> {
                TelemetryClient fresh = Reliability.builder(Protocol.HTTP, receiver).build();
                assertThat(within(() -> {
                    fresh.incrementCounter("bad.input.early", 1);
                    fresh.logInfo("early");
                    fresh.span("early").close();
                    fresh.endSpan(fresh.startSpan("early"));
                })).isNull();
                fresh.initialize();
                assertThat(fresh.health().signals().get(SignalType.METRICS).recorded()).isZero();
                fresh.shutdown(Duration.ofSeconds(5));
            }),
            DynamicTest.dynamicTest("records after shutdown() -> no-op, counted as dropped", () -> {
                TelemetryClient closed = Reliability.builder(Protocol.HTTP, receiver).build().initialize();
                closed.shutdown(Duration.ofSeconds(5));
                assertThat(within(() -> {
                    closed.incrementCounter("bad.input.late", 1);
                    closed.logInfo("late");
                    closed.endSpan(closed.startSpan("late"));
                })).isNull();
                HealthStatus h = closed.health();
                assertThat(h.signals().get(SignalType.METRICS).dropped()).isEqualTo(1);
                assertThat(h.signals().get(SignalType.LOGS).dropped()).isEqualTo(1);
                assertThat(h.signals().get(SignalType.TRACES).dropped()).isEqualTo(1);
            }),
            DynamicTest.dynamicTest("disabled client: bad endpoint ignored, every call a no-op", () -> {
                TelemetryClient off = TelemetryClient.builder().enabled(false).endpoint("::not an endpoint::").build();
                assertThat(within(() -> {
                    off.initialize();
                    off.incrementCounter("c", 1);
                    off.endSpan(off.startSpan("s"));
                    off.flush(Duration.ofSeconds(1));
                    off.shutdown(Duration.ofSeconds(1));
                })).isNull();
            }));
    }

    @Test
    void theCorpusHasAtLeastFortyCases() {
        long cases = configCases().size() + badApiArguments().count() + badCustomAttributesAndWholeConfigurations().count()
            + lifecycleMisuse().count();
        System.out.println("[reliability] bad-input corpus: " + cases + " cases (" + configCases().size()
            + " configuration values over all " + ConfigKey.values().length + " keys)");
        assertThat(cases).isGreaterThanOrEqualTo(40);
    }

    private static Map<String, Object> wideMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            map.put("k" + i, i);
        }
        return map;
    }

    /** Runs {@code call} under a preemptive timeout; returns what it threw, or {@code null}. */
    private static Throwable within(Executable call) {
        return assertTimeoutPreemptively(CASE_TIMEOUT, () -> catchThrowable(() -> {
            try {
                call.execute();
            } catch (Throwable t) {
                if (t instanceof Error && !(t instanceof AssertionError)) {
                    throw new AssertionError("crashed with " + t, t);
                }
                throw t;
            }
        }), "hung");
    }
}
