package io.waddleperf.license.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTests {

    @Test
    void readsEveryKindOfValue() {
        Object parsed = Json.parse(
                " {\"s\": \"a\\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00\", \"n\": -12.5e2, \"t\": true, \"f\": false,"
                        + " \"z\": null, \"a\": [1, [], {}]}\n");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "a\"b\\c/\né😀");
        expected.put("n", new BigDecimal("-12.5e2"));
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        expected.put("a", List.of(BigDecimal.ONE, List.of(), Map.of()));
        assertThat(parsed).isEqualTo(expected);
    }

    @Test
    void keepsMemberOrderAndReturnsUnmodifiableValues() {
        Object parsed = Json.parse("{\"b\": 1, \"a\": [2]}");

        assertThat(parsed).isInstanceOf(Map.class);
        Map<?, ?> object = (Map<?, ?>) parsed;
        assertThat(List.copyOf(object.keySet())).isEqualTo(List.of("b", "a"));
        assertThatThrownBy(object::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) object.get("a")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void ignoresALeadingByteOrderMark() {
        assertThat(Json.parse("\uFEFF{}")).isEqualTo(Map.of());
    }

    // A signed document must not mean one thing here and another in a parser that keeps the last duplicate.
    @Test
    void rejectsDuplicateMemberNames() {
        assertThatThrownBy(() -> Json.parse("{\"tier\": \"community\", \"tier\": \"enterprise\"}"))
                .isInstanceOf(Json.JsonSyntaxError.class)
                .hasMessageContaining("duplicate member name \"tier\"");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        String allowed = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);

        assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nested deeper than 64");
        assertThat(Json.parse(allowed)).isInstanceOf(List.class);
    }

    @Test
    void survivesHostileNestingWithoutStackOverflow() {
        assertThatThrownBy(() -> Json.parse("[".repeat(100_000))).isInstanceOf(Json.JsonSyntaxError.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "{",
                "{\"a\"}",
                "{\"a\":1,}",
                "[1,]",
                "[1 2]",
                "01",
                "1.",
                "-",
                "1e",
                "+1",
                ".5",
                "NaN",
                "tru",
                "nul",
                "'a'",
                "\"unterminated",
                "\"bad \\x escape\"",
                "\"\\u12g4\"",
                "\"\\u12\"",
                "{\"a\":1} x",
                "{1:2}",
                "1e99999999999"
            })
    void rejectsMalformedTextWithAnOffset(String text) {
        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(Json.JsonSyntaxError.class)
                .hasMessageMatching("(?s).*(at offset \\d+|empty JSON text)");
    }

    @Test
    void rejectsRawControlCharactersInStrings() {
        assertThatThrownBy(() -> Json.parse("\"a\nb\"")).hasMessageContaining("control character");
    }

    @Test
    void writesEscapedCompactJson() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "q\"\\\n\r\t\u0001é");
        value.put("n", 42L);
        value.put("i", 7);
        value.put("d", new BigDecimal("1.50"));
        value.put("b", true);
        value.put("z", null);
        value.put("l", Arrays.asList(1, "x"));

        assertThat(Json.write(value))
                .isEqualTo("{\"s\":\"q\\\"\\\\\\n\\r\\t\\u0001é\",\"n\":42,\"i\":7,\"d\":1.50,\"b\":true,\"z\":null,"
                        + "\"l\":[1,\"x\"]}");
    }

    @Test
    void refusesToWriteWhatJsonCannotHold() {
        assertThatThrownBy(() -> Json.write(Map.of("x", 1.5d))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printableReplacesControlCharactersAndShortens() {
        assertThat(Json.printable("a\u0000b\nc")).isEqualTo("a?b?c");
        assertThat(Json.printable("x".repeat(100), 10)).isEqualTo("xxxxxxxxxx…");
    }
}
