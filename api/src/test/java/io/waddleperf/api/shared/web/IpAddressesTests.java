package io.waddleperf.api.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressesTests {

    @ParameterizedTest
    @CsvSource({
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "2001:DB8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:0db8:0000:0000:0000:0000:0002:0001, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "fe80:0:0:0:0:0:0:1%1, fe80::1%1",
        "1:0:0:0:0:0:0:0, 1::",
        "0:0:0:0:0:ffff:c000:201, 192.0.2.1",
        "192.0.2.1, 192.0.2.1",
        "not-an-ip, not-an-ip"
    })
    void writesAddressesInTheirRfc5952Form(String written, String canonical) {
        assertThat(IpAddresses.canonical(written)).isEqualTo(canonical);
    }
}
