package io.waddleperf.protocol;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A rule over two parameters, checked once each is valid on its own, with defaults filled in.
 * {@link #schema()} is its entry in the probe schema's {@code x-rules}, which the web UI applies
 * with the same message.
 */
public sealed interface CrossRule {

    @Nullable
    Violation check(Map<String, Object> effective);

    Map<String, Object> schema();

    /**
     * {@code first × second} at most {@code max}: a run's length is its count times its interval.
     * The message states the limit and the actual figure in {@code unit}, which is
     * {@code 1/scale} of the parameters' own unit (milliseconds shown as seconds).
     */
    record MaxProduct(String first, String second, long max, long scale, String unit) implements CrossRule {

        @Override
        public @Nullable Violation check(Map<String, Object> effective) {
            double product =
                    ((Number) effective.get(first)).doubleValue() * ((Number) effective.get(second)).doubleValue();
            if (product <= max) {
                return null;
            }
            return new Violation("params." + first, template().replace("{value}", format(product / scale)));
        }

        String template() {
            return first + " × " + second + " must be at most " + format((double) max / scale) + " " + unit
                    + "; it is {value} " + unit;
        }

        @Override
        public Map<String, Object> schema() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("kind", "max-product");
            schema.put("fields", List.of(first, second));
            schema.put("max", max);
            schema.put("scale", scale);
            schema.put("field", "params." + first);
            schema.put("message", template());
            return schema;
        }

        /** Grouped thousands and at most three decimals, as the web UI's Intl.NumberFormat('en-US') writes it. */
        static String format(double value) {
            return new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.US)).format(value);
        }
    }

    /** {@code first} and {@code second} are switches that may not both be on. */
    record NotBoth(String first, String second) implements CrossRule {

        @Override
        public @Nullable Violation check(Map<String, Object> effective) {
            return Boolean.TRUE.equals(effective.get(first)) && Boolean.TRUE.equals(effective.get(second))
                    ? new Violation("params." + second, message())
                    : null;
        }

        String message() {
            return "cannot be combined with " + first;
        }

        @Override
        public Map<String, Object> schema() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("kind", "not-both");
            schema.put("fields", List.of(first, second));
            schema.put("field", "params." + second);
            schema.put("message", message());
            return schema;
        }
    }
}
