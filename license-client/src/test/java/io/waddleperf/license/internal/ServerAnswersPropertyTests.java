package io.waddleperf.license.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.waddleperf.license.LicenseResponseUnreadable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the server sends, the parser answers with a typed result or one clear exception. */
class ServerAnswersPropertyTests {

    private static final String VALID =
            "{\"valid\":true,\"customer\":\"C\",\"product\":\"waddleperf\",\"expires_at\":\"2027-11-22T00:00:00Z\","
                    + "\"issued_at\":\"2026-11-22T00:00:00Z\",\"tier\":\"enterprise\",\"features\":[{\"name\":\"sso\","
                    + "\"entitled\":true,\"units\":0,\"description\":\"d\",\"metadata\":{}}],\"limits\":{\"max_servers\":"
                    + "10,\"max_users\":-1,\"data_retention_days\":90},\"metadata\":{\"server_id\":\"srv_1\"}}";

    @Property(tries = 2000)
    void arbitraryTextIsAnAnswerOrUnreadable(@ForAll String body) {
        assertOnlyUnreadable(body);
    }

    @Property(tries = 2000)
    void arbitraryJsonIsAnAnswerOrUnreadable(@ForAll("jsonDocuments") String body) {
        assertOnlyUnreadable(body);
    }

    @Property(tries = 3000)
    void aDamagedValidAnswerIsAnAnswerOrUnreadable(@ForAll("damagedAnswers") String body) {
        assertOnlyUnreadable(body);
    }

    @Property(tries = 2000)
    void aValidAnswerWithOneValueReplacedIsAnAnswerOrUnreadable(@ForAll("answersWithAReplacedValue") String body) {
        assertOnlyUnreadable(body);
    }

    @Property(tries = 1000)
    void arbitraryErrorBodiesGiveAPrintableMessage(@ForAll String body) {
        assertThat(ServerAnswers.errorMessage(body))
                .doesNotContainPattern("\\p{Cntrl}")
                .hasSizeLessThanOrEqualTo(201);
    }

    private static void assertOnlyUnreadable(String body) {
        Throwable validation = catchThrowable(() -> ServerAnswers.readValidation(body, "waddleperf", "id"));
        Throwable features = catchThrowable(() -> ServerAnswers.readFeatures(body));

        for (Throwable thrown : new Throwable[] {validation, features}) {
            if (thrown != null) {
                assertThat(thrown)
                        .isInstanceOf(LicenseResponseUnreadable.class)
                        .hasMessageStartingWith("license server answer is unreadable: ");
            }
        }
    }

    @Provide
    Arbitrary<String> jsonDocuments() {
        return JsonArbitraries.values().map(Json::write);
    }

    @Provide
    Arbitrary<String> damagedAnswers() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<Character> replacement =
                Arbitraries.of("{}[]\":,0-1tfn \\x".toCharArray()).map(c -> c);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 2);
        return Combinators.combine(position, replacement, kind).as((at, c, k) -> switch (k) {
            case 0 -> VALID.substring(0, at) + VALID.substring(at + 1);
            case 1 -> VALID.substring(0, at) + c + VALID.substring(at);
            default -> VALID.substring(0, at) + c + VALID.substring(at + 1);
        });
    }

    @Provide
    Arbitrary<String> answersWithAReplacedValue() {
        Arbitrary<String> target = Arbitraries.of(
                "true",
                "\"C\"",
                "\"2027-11-22T00:00:00Z\"",
                "\"enterprise\"",
                "\"sso\"",
                "0",
                "{}",
                "10",
                "-1",
                "90",
                "\"srv_1\"");
        return Combinators.combine(target, JsonArbitraries.values().map(Json::write))
                .as((old, replacement) ->
                        VALID.replaceFirst(Pattern.quote(old), Matcher.quoteReplacement(replacement)));
    }
}
