package io.waddleperf.license.internal;

import java.math.BigDecimal;
import java.util.Collections;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators shared by the JSON and server-answer properties. */
final class JsonArbitraries {

    private JsonArbitraries() {}

    static Arbitrary<Object> values() {
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(12),
                        Arbitraries.bigDecimals()
                                .between(new BigDecimal("-1e12"), new BigDecimal("1e12"))
                                .ofScale(3),
                        Arbitraries.bigIntegers().map(BigDecimal::new),
                        Arbitraries.of(true, false))
                .map(Object.class::cast)
                .injectNull(0.1);
        return Arbitraries.recursive(
                () -> leaves,
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(4).map(Collections::unmodifiableList),
                        Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), inner)
                                .ofMaxSize(4)
                                .map(Collections::unmodifiableMap)),
                0,
                4);
    }

    /** Text made of JSON's own characters, so the parser gets deep into its states before failing. */
    static Arbitrary<String> jsonLikeText() {
        return Arbitraries.strings()
                .withChars("{}[]\":,.-+eE0123456789 \\utrfalsn\n\tabc\u0001é".toCharArray())
                .ofMaxLength(60);
    }
}
