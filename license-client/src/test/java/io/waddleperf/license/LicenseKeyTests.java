package io.waddleperf.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LicenseKeyTests {

    // The checksum of this body, computed independently with
    // `printf %s PENG-ABCD-EFGH-1234-WXYZ | sha256sum | xxd -r -p | base32 | cut -c1-4`.
    private static final String BODY = "PENG-ABCD-EFGH-1234-WXYZ";
    private static final String CHECKSUM = "NOF2";

    @Test
    void acceptsKeyWhoseLastGroupIsTheChecksumOfTheBody() {
        LicenseKey key = LicenseKey.parse(BODY + "-" + CHECKSUM);

        assertThat(key.value()).isEqualTo(BODY + "-" + CHECKSUM);
    }

    @Test
    void withChecksumAppendsTheDocumentedChecksum() {
        assertThat(LicenseKey.withChecksum(BODY).value()).isEqualTo(BODY + "-" + CHECKSUM);
    }

    @Test
    void normalisesPastedKeys() {
        LicenseKey key = LicenseKey.parse("  " + (BODY + "-" + CHECKSUM).toLowerCase() + "\n");

        assertThat(key.value()).isEqualTo(BODY + "-" + CHECKSUM);
    }

    @Test
    void rejectsWrongChecksumWithATypoHint() {
        assertThatThrownBy(() -> LicenseKey.parse(BODY + "-AAAA"))
                .isInstanceOf(MalformedLicenseKey.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void rejectsWrongPrefix() {
        assertThatThrownBy(() -> LicenseKey.parse("PONG-ABCD-EFGH-1234-WXYZ-" + CHECKSUM))
                .isInstanceOf(MalformedLicenseKey.class)
                .hasMessageContaining("PENG-");
    }

    @Test
    void rejectsWrongShape() {
        assertThatThrownBy(() -> LicenseKey.parse("PENG-ABCD-EFGH-1234-WXY!-" + CHECKSUM))
                .isInstanceOf(MalformedLicenseKey.class)
                .hasMessageContaining("PENG-XXXX-XXXX-XXXX-XXXX-XXXX");
        assertThatThrownBy(() -> LicenseKey.parse("PENG-ABCD-EFGH-1234-" + CHECKSUM))
                .isInstanceOf(MalformedLicenseKey.class);
    }

    @Test
    void rejectsEmptyKey() {
        assertThatThrownBy(() -> LicenseKey.parse("   "))
                .isInstanceOf(MalformedLicenseKey.class)
                .hasMessage("license key is empty");
        assertThatThrownBy(() -> LicenseKey.parse(null)).isInstanceOf(MalformedLicenseKey.class);
    }

    @Test
    void masksTheMiddleGroupsWhenPrinted() {
        LicenseKey key = LicenseKey.withChecksum(BODY);

        assertThat(key.toString()).isEqualTo("PENG-ABCD-****-****-****-" + CHECKSUM);
    }
}
