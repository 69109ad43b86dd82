package io.waddleperf.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.security.KeyPair;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LicenseFilePropertyTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final KeyPair ISSUER = LicenseSigningKeys.generate();
    private static final String FILE = LicenseFile.sign(Payloads.enterprise(Payloads.EXPIRES), ISSUER.getPrivate());
    private static final License GRANTED = LicenseFile.verify(FILE, ISSUER.getPublic(), "waddleperf", NOW);

    @Property(tries = 2000)
    void arbitraryTextIsRejectedClearly(@ForAll String content) {
        Throwable thrown = catchThrowable(() -> LicenseFile.verify(content, ISSUER.getPublic(), "waddleperf", NOW));

        assertThat(thrown).isInstanceOf(LicenseFileRejected.class).hasMessageStartingWith("license file rejected: ");
    }

    // Some edits change nothing that is signed (white space, base64 padding bits); those may verify,
    // but only to exactly the license that was issued.
    @Property(tries = 3000)
    void anEditedFileIsRejectedOrGrantsExactlyTheOriginal(@ForAll("editedFiles") String edited) {
        Throwable thrown = catchThrowable(() -> {
            License license = LicenseFile.verify(edited, ISSUER.getPublic(), "waddleperf", NOW);
            assertThat(license).isEqualTo(GRANTED);
        });

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(LicenseFileRejected.class);
        }
    }

    @Provide
    Arbitrary<String> editedFiles() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, FILE.length() - 1);
        Arbitrary<Character> replacement =
                Arbitraries.of("AZaz09-_+/=\" {}".toCharArray()).map(c -> c);
        return Combinators.combine(position, replacement)
                .as((at, c) -> FILE.substring(0, at) + c + FILE.substring(at + 1));
    }
}
