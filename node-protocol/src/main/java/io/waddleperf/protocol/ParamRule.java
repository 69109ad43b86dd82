package io.waddleperf.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One parameter of a probe: its bounds, its default and the one message that says what it must be.
 * {@link #schema()} is its JSON Schema (2020-12) property, which the web UI validates forms with,
 * carrying the same message as {@code x-message} so a form and the API word a mistake alike.
 */
public sealed interface ParamRule {

    String name();

    /** The name people read. */
    String title();

    /** The unit the value is in ("ms", "bytes", "s"), or "" for a plain count or a word. */
    String unit();

    /** The value the node takes when the parameter is left out; null when the node decides. */
    @Nullable
    Object defaultValue();

    /** What any value that {@link #accepts} refuses must be instead. */
    String message();

    boolean accepts(@Nullable Object value);

    /** The JSON Schema property of this parameter. */
    default Map<String, Object> schema() {
        Map<String, Object> schema = new LinkedHashMap<>(constraints());
        if (defaultValue() != null) {
            schema.put("default", defaultValue());
        }
        schema.put("title", title());
        schema.put("x-unit", unit());
        schema.put("x-message", message());
        return schema;
    }

    Map<String, Object> constraints();

    /** A whole number from {@code min} to {@code max}. */
    record IntParam(
            String name,
            String title,
            String unit,
            long min,
            long max,
            @Nullable Long defaultValue) implements ParamRule {

        @Override
        public String message() {
            return "must be a whole number from " + min + " to " + max;
        }

        @Override
        public boolean accepts(@Nullable Object value) {
            // Both views of the number: a BigInteger past the range of long wraps in longValue().
            return value instanceof Number n
                    && Double.isFinite(n.doubleValue())
                    && n.doubleValue() == Math.rint(n.doubleValue())
                    && n.doubleValue() >= min
                    && n.doubleValue() <= max
                    && n.longValue() >= min
                    && n.longValue() <= max;
        }

        @Override
        public Map<String, Object> constraints() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "integer");
            schema.put("minimum", min);
            schema.put("maximum", max);
            return schema;
        }
    }

    /** One of a fixed set of words. */
    record ChoiceParam(
            String name,
            String title,
            List<String> choices,
            @Nullable String defaultValue) implements ParamRule {

        public ChoiceParam {
            choices = List.copyOf(choices);
        }

        @Override
        public String unit() {
            return "";
        }

        @Override
        public String message() {
            List<String> sorted = new ArrayList<>(choices);
            sorted.sort(null);
            return "must be one of " + sorted;
        }

        @Override
        public boolean accepts(@Nullable Object value) {
            return value instanceof String s && choices.contains(s);
        }

        @Override
        public Map<String, Object> constraints() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "string");
            schema.put("enum", choices);
            return schema;
        }
    }

    /** A switch. */
    record BoolParam(String name, String title, Boolean defaultValue) implements ParamRule {

        @Override
        public String unit() {
            return "";
        }

        @Override
        public String message() {
            return "must be true or false";
        }

        @Override
        public boolean accepts(@Nullable Object value) {
            return value instanceof Boolean;
        }

        @Override
        public Map<String, Object> constraints() {
            return Map.of("type", "boolean");
        }
    }

    /**
     * Text matching {@code regex}, which is written so that Java and ECMAScript (the web UI, and
     * JSON Schema's {@code pattern}) read it alike.
     */
    record TextParam(String name, String title, String regex, String describe) implements ParamRule {

        @Override
        public String unit() {
            return "";
        }

        @Override
        public @Nullable Object defaultValue() {
            return null;
        }

        @Override
        public String message() {
            return "must be " + describe;
        }

        @Override
        public boolean accepts(@Nullable Object value) {
            return value instanceof String s
                    && Pattern.compile(regex).matcher(s).matches();
        }

        @Override
        public Map<String, Object> constraints() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "string");
            schema.put("pattern", "^" + regex + "$");
            return schema;
        }
    }
}
