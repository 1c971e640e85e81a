package io.telemetryflow.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Plain attribute values keep their OTLP type; anything else becomes its string form. */
class AttributeMapperTest {

    private static Attributes map(String key, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, value);
        return AttributeMapper.toAttributes(m);
    }

    @Test
    void scalarsKeepTheirType() {
        assertThat(map("s", "v").get(AttributeKey.stringKey("s"))).isEqualTo("v");
        assertThat(map("b", true).get(AttributeKey.booleanKey("b"))).isTrue();
        assertThat(map("l", 5L).get(AttributeKey.longKey("l"))).isEqualTo(5L);
        assertThat(map("i", 5).get(AttributeKey.longKey("i"))).isEqualTo(5L);
        assertThat(map("sh", (short) 5).get(AttributeKey.longKey("sh"))).isEqualTo(5L);
        assertThat(map("by", (byte) 5).get(AttributeKey.longKey("by"))).isEqualTo(5L);
        assertThat(map("d", 2.5).get(AttributeKey.doubleKey("d"))).isEqualTo(2.5);
        assertThat(map("f", 2.5f).get(AttributeKey.doubleKey("f"))).isEqualTo(2.5);
    }

    @Test
    void arraysAndListsKeepTheirElementType() {
        assertThat(map("la", new long[] {1, 2}).get(AttributeKey.longArrayKey("la"))).containsExactly(1L, 2L);
        assertThat(map("ia", new int[] {1, 2}).get(AttributeKey.longArrayKey("ia"))).containsExactly(1L, 2L);
        assertThat(map("sa", new short[] {1, 2}).get(AttributeKey.longArrayKey("sa"))).containsExactly(1L, 2L);
        assertThat(map("ba", new byte[] {1, 2}).get(AttributeKey.longArrayKey("ba"))).containsExactly(1L, 2L);
        assertThat(map("da", new double[] {1.5}).get(AttributeKey.doubleArrayKey("da"))).containsExactly(1.5);
        assertThat(map("fa", new float[] {1.5f}).get(AttributeKey.doubleArrayKey("fa"))).containsExactly(1.5);
        assertThat(map("za", new boolean[] {true}).get(AttributeKey.booleanArrayKey("za"))).containsExactly(true);
        assertThat(map("oa", new String[] {"a", "b"}).get(AttributeKey.stringArrayKey("oa"))).containsExactly("a", "b");
        assertThat(map("li", List.of(1, 2L)).get(AttributeKey.longArrayKey("li"))).containsExactly(1L, 2L);
        assertThat(map("ld", List.of(1.5, 2.5f)).get(AttributeKey.doubleArrayKey("ld"))).containsExactly(1.5, 2.5);
        assertThat(map("lb", Set.of(true)).get(AttributeKey.booleanArrayKey("lb"))).containsExactly(true);
        assertThat(map("mixed", List.of("a", 1)).get(AttributeKey.stringArrayKey("mixed"))).containsExactly("a", "1");
    }

    @Test
    void nullElementsAreLeftOutInsteadOfFailing() {
        assertThatCode(() -> map("oa", new String[] {"a", null})).doesNotThrowAnyException();
        assertThat(map("oa", new String[] {"a", null}).get(AttributeKey.stringArrayKey("oa"))).containsExactly("a");
        assertThat(map("li", Arrays.asList(1L, null, 3L)).get(AttributeKey.longArrayKey("li"))).containsExactly(1L, 3L);
    }

    @Test
    void otherObjectsBecomeStringsAndNullsAndBlankKeysAreSkipped() {
        assertThat(map("bd", new BigDecimal("1.25")).get(AttributeKey.stringKey("bd"))).isEqualTo("1.25");
        assertThat(map("e", Thread.State.NEW).get(AttributeKey.stringKey("e"))).isEqualTo("NEW");
        assertThat(map("n", null).isEmpty()).isTrue();
        assertThat(map(" ", "v").isEmpty()).isTrue();
        assertThat(AttributeMapper.toAttributes(null).isEmpty()).isTrue();
    }

    @Test
    void atMost128AttributesAreKept() {
        Map<String, Object> big = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) {
            big.put("k" + i, i);
        }
        assertThat(AttributeMapper.toAttributes(big).size()).isEqualTo(AttributeMapper.MAX_ATTRIBUTES);
    }
}
