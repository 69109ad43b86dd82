package io.waddleperf.api.sessions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client filter is a byte range of the stored address, and nothing but a literal is one. */
class SessionFilterTests {

    private static SessionFilter.ClientRange range(String text) {
        SessionFilter filter = SessionFilter.parsePage(Map.of("client", text)).filter();
        return filter.client();
    }

    @Test
    void aCidrBlockIsTheRangeOfItsAddresses() {
        SessionFilter.ClientRange block = range("198.51.100.77/24");
        assertThat(block.low()).containsExactly(198, 51, 100, 0);
        assertThat(block.high()).containsExactly(198, 51, 100, 255);
        SessionFilter.ClientRange odd = range("10.0.0.0/9");
        assertThat(odd.low()).containsExactly(10, 0, 0, 0);
        assertThat(odd.high()).containsExactly(10, 127, 255, 255);
        SessionFilter.ClientRange one = range("203.0.113.9");
        assertThat(one.low()).isEqualTo(one.high()).containsExactly(203, 0, 113, 9);
    }

    @Test
    void anIpv6BlockHasSixteenBytes() {
        SessionFilter.ClientRange block = range("2001:db8::/32");
        assertThat(block.low()).hasSize(16);
        assertThat(block.low()[4]).isZero();
        assertThat(block.high()[15]).isEqualTo((byte) 0xff);
        assertThat(block.high()[3]).isEqualTo((byte) 0xb8);
    }

    @Test
    void namesAndBadBlocksAreRefusedWithoutALookup() {
        for (String bad : new String[] {"example.com", "999.1.1.1", "10.0.0.0/33", "10.0.0.0/8/8", "localhost", ""}) {
            assertThatThrownBy(() -> range(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            InvalidInput.class,
                            e -> assertThat(e.errors())
                                    .extracting(FieldError::field)
                                    .containsExactly("client"));
        }
    }

    @Test
    void everyBadParameterIsNamed() {
        assertThatThrownBy(() -> SessionFilter.parsePage(Map.of(
                        "from", "2026-12-02T00:00:00Z",
                        "to", "2026-12-01T00:00:00Z",
                        "outcome", "maybe",
                        "limit", "501",
                        "cursor", "!!")))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("cursor", "limit", "outcome", "to"));
    }
}
