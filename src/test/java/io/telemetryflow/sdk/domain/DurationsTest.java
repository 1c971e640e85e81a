package io.telemetryflow.sdk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    static Stream<Arguments> accepted() {
        return Stream.of(
            Arguments.of("500ms", Duration.ofMillis(500)),
            Arguments.of("10s", Duration.ofSeconds(10)),
            Arguments.of("2m", Duration.ofMinutes(2)),
            Arguments.of("1h", Duration.ofHours(1)),
            Arguments.of("PT10S", Duration.ofSeconds(10)),
            Arguments.of("pt0.5s", Duration.ofMillis(500)),
            Arguments.of("PT1M30S", Duration.ofSeconds(90)),
            Arguments.of("P1D", Duration.ofDays(1)),
            Arguments.of(" 10s ", Duration.ofSeconds(10)),
            Arguments.of("10S", Duration.ofSeconds(10)),
            Arguments.of("250 ms", Duration.ofMillis(250)),
            Arguments.of("0s", Duration.ZERO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptsShortAndIsoForms(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @NullSource
    @ValueSource(strings = {"", " ", "10", "ten", "10x", "1.5s", "-5s", "s", "ms10", "PT", "P", "10 seconds", "P1Y",
        "1d", "10s5", "5 m s", "0x10s", "1234567890123s", "PT10S garbage"})
    void rejectsGarbageNamingTheAcceptedForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("500ms")
            .hasMessageContaining("PT10S");
    }

    @Test
    void formatRoundTrips() {
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        for (Duration d : new Duration[] {Duration.ofMillis(1), Duration.ofSeconds(59), Duration.ofHours(3),
            Duration.ofMillis(61_001)}) {
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
    }
}
