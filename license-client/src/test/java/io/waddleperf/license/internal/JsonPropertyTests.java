package io.waddleperf.license.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonPropertyTests {

    @Property(tries = 1000)
    void whatIsWrittenReadsBackEqual(@ForAll("jsonValues") Object value) {
        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
    }

    @Property(tries = 3000)
    void arbitraryTextEitherParsesOrFailsWithASyntaxError(@ForAll String text) {
        Throwable thrown = catchThrowable(() -> Json.parse(text));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(Json.JsonSyntaxError.class);
        }
    }

    @Property(tries = 3000)
    void jsonLikeTextEitherParsesOrFailsWithASyntaxError(@ForAll("jsonLikeText") String text) {
        Throwable thrown = catchThrowable(() -> Json.parse(text));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(Json.JsonSyntaxError.class);
        }
    }

    @Provide
    Arbitrary<Object> jsonValues() {
        return JsonArbitraries.values();
    }

    @Provide
    Arbitrary<String> jsonLikeText() {
        return JsonArbitraries.jsonLikeText();
    }
}
