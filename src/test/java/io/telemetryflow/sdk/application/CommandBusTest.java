package io.telemetryflow.sdk.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.sdk.domain.Severity;
import io.telemetryflow.sdk.domain.SpanKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command bus routes by exact type; command records validate and copy on construction. */
class CommandBusTest {

    // ------------------------------------------------------------------ routing

    @Test
    void routesEachCommandToTheHandlerOfItsType() {
        List<Object> seen = new ArrayList<>();
        CommandBus bus = CommandBus.builder()
            .register(RecordCounterCommand.class, c -> { seen.add("counter:" + c.name()); return null; })
            .register(RecordGaugeCommand.class, c -> { seen.add("gauge:" + c.name()); return null; })
            .register(StartSpanCommand.class, c -> "span-of-" + c.name())
            .register(FlushTelemetryCommand.class, c -> c.timeout().toMillis() == 250)
            .build();

        assertThat(bus.dispatch(RecordCounterCommand.of("a", 1))).isNull();
        assertThat(bus.dispatch(RecordGaugeCommand.of("b", 2.0))).isNull();
        assertThat(bus.dispatch(StartSpanCommand.of("work"))).isEqualTo("span-of-work");
        assertThat(bus.dispatch(new FlushTelemetryCommand(Duration.ofMillis(250)))).isTrue();
        assertThat(seen).containsExactly("counter:a", "gauge:b");
        assertThat(bus.handles(RecordCounterCommand.class)).isTrue();
        assertThat(bus.handles(EmitLogCommand.class)).isFalse();
    }

    @Test
    void commandWithoutHandlerFailsNamingTheType() {
        CommandBus bus = CommandBus.builder()
            .register(RecordCounterCommand.class, c -> null)
            .build();
        assertThatThrownBy(() -> bus.dispatch(RecordGaugeCommand.of("g", 1)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("RecordGaugeCommand");
        assertThatThrownBy(() -> CommandBus.builder().build().dispatch(EmitLogCommand.info("x")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("EmitLogCommand");
    }

    @Test
    void laterRegistrationReplacesAnEarlierOneAndTheBuiltBusIsImmutable() {
        CommandBus.Builder builder = CommandBus.builder()
            .register(StartSpanCommand.class, c -> "first")
            .register(StartSpanCommand.class, c -> "second");
        CommandBus bus = builder.build();
        builder.register(EndSpanCommand.class, c -> null);
        assertThat(bus.dispatch(StartSpanCommand.of("s"))).isEqualTo("second");
        assertThat(bus.handles(EndSpanCommand.class)).isFalse();
    }

    @Test
    void handlerExceptionsPropagateUnchanged() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        CommandBus bus = CommandBus.builder().register(EndSpanCommand.class, c -> { throw boom; }).build();
        assertThatThrownBy(() -> bus.dispatch(EndSpanCommand.of("abc"))).isSameAs(boom);
    }

    @Test
    void nullCommandIsRejected() {
        CommandBus bus = CommandBus.builder().build();
        assertThatThrownBy(() -> bus.dispatch(null)).isInstanceOf(NullPointerException.class);
    }

    // ------------------------------------------------------------------ validation

    static Stream<Arguments> invalidCommands() {
        return Stream.of(
            bad("counter null name", () -> new RecordCounterCommand(null, 1, Map.of()), "counter name"),
            bad("counter blank name", () -> RecordCounterCommand.of("  ", 1), "counter name"),
            bad("counter negative", () -> RecordCounterCommand.of("c", -1), "negative"),
            bad("gauge blank name", () -> RecordGaugeCommand.of("", 1), "gauge name"),
            bad("gauge NaN", () -> RecordGaugeCommand.of("g", Double.NaN), "finite"),
            bad("gauge +inf", () -> RecordGaugeCommand.of("g", Double.POSITIVE_INFINITY), "finite"),
            bad("histogram blank name", () -> RecordHistogramCommand.of(" ", 1, "s"), "histogram name"),
            bad("histogram NaN", () -> RecordHistogramCommand.of("h", Double.NaN, "s"), "finite"),
            bad("histogram negative", () -> RecordHistogramCommand.of("h", -0.5, "s"), "negative"),
            bad("metric blank name", () -> RecordMetricCommand.of("\t", 1, "By"), "metric name"),
            bad("metric -inf", () -> RecordMetricCommand.of("m", Double.NEGATIVE_INFINITY, "By"), "finite"),
            bad("log null severity", () -> new EmitLogCommand(null, "m", Map.of()), "severity"),
            bad("log null message", () -> new EmitLogCommand(Severity.INFO, null, Map.of()), "message"),
            bad("span blank name", () -> new StartSpanCommand(" ", SpanKind.CLIENT, Map.of()), "span name"),
            bad("span null name", () -> StartSpanCommand.of(null), "span name"),
            bad("end blank id", () -> new EndSpanCommand("", null), "span id"),
            bad("event blank id", () -> new AddSpanEventCommand(" ", "e", Map.of()), "span id"),
            bad("event blank name", () -> new AddSpanEventCommand("abc", "", Map.of()), "event name"),
            bad("flush zero", () -> new FlushTelemetryCommand(Duration.ZERO), "flush timeout"),
            bad("flush negative", () -> new FlushTelemetryCommand(Duration.ofSeconds(-1)), "flush timeout"),
            bad("flush null", () -> new FlushTelemetryCommand(null), "flush timeout"),
            bad("null attribute key", () -> RecordCounterCommand.of("c", 1, nullKeyMap()), "attribute keys"));
    }

    private static Arguments bad(String name, Supplier<Object> construct, String messagePart) {
        return Arguments.of(name, construct, messagePart);
    }

    private static Map<String, Object> nullKeyMap() {
        Map<String, Object> m = new HashMap<>();
        m.put(null, "v");
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCommands")
    void invalidCommandsAreRejected(String name, Supplier<Object> construct, String messagePart) {
        assertThatThrownBy(construct::get)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(messagePart);
    }

    @Test
    void validEdgeValuesAreAccepted() {
        assertThat(RecordCounterCommand.of("c", 0).value()).isZero();
        assertThat(RecordGaugeCommand.of("g", -3.5).value()).isEqualTo(-3.5);
        assertThat(RecordHistogramCommand.of("h", 0, null).unit()).isEmpty();
        assertThat(RecordMetricCommand.of("m", -1, null).unit()).isEmpty();
        assertThat(new StartSpanCommand("s", null, null).kind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(new EmitLogCommand(Severity.WARN, "", null).attributes()).isEmpty();
        assertThat(EmitLogCommand.info("hello").severity()).isEqualTo(Severity.INFO);
        assertThat(EndSpanCommand.of("abc").error()).isNull();
        assertThat(FlushTelemetryCommand.of().timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    // ------------------------------------------------------------------ defensive copies

    @Test
    void attributeMapsAreCopiedAndUnmodifiable() {
        Map<String, Object> attrs = new HashMap<>();
        attrs.put("k", "v");
        attrs.put("nullable", null);
        List<Object> commands = List.of(
            RecordCounterCommand.of("c", 1, attrs),
            RecordGaugeCommand.of("g", 1, attrs),
            RecordHistogramCommand.of("h", 1, "s", attrs),
            new RecordMetricCommand("m", 1, "s", attrs),
            new EmitLogCommand(Severity.INFO, "m", attrs),
            new StartSpanCommand("s", SpanKind.SERVER, attrs),
            new AddSpanEventCommand("abc", "e", attrs));
        attrs.put("k", "changed");
        attrs.put("added", 1);
        attrs.clear();

        for (Object command : commands) {
            Map<String, Object> copy = attributesOf(command);
            assertThat(copy).as("%s", command).hasSize(2).containsEntry("k", "v").containsKey("nullable");
            assertThatThrownBy(() -> copy.put("x", "y")).as("%s", command)
                .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void nullAttributesBecomeAnEmptyMap() {
        assertThat(new RecordCounterCommand("c", 1, null).attributes()).isEmpty();
        assertThat(new RecordGaugeCommand("g", 1, null).attributes()).isEmpty();
        assertThat(new StartSpanCommand("s", SpanKind.SERVER, null).attributes()).isEmpty();
    }

    @Test
    void recordsHaveValueEquality() {
        assertThat(RecordCounterCommand.of("c", 2, Map.of("a", 1)))
            .isEqualTo(new RecordCounterCommand("c", 2, Map.of("a", 1)))
            .hasSameHashCodeAs(new RecordCounterCommand("c", 2, Map.of("a", 1)));
        assertThat(RecordCounterCommand.of("c", 2)).isNotEqualTo(RecordCounterCommand.of("c", 3));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributesOf(Object command) {
        try {
            return (Map<String, Object>) command.getClass().getMethod("attributes").invoke(command);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
