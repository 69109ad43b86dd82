package io.waddleperf.testserver.iperf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAllowlistTests {

    @Test
    void anEmptyListAllowsEveryone() throws Exception {
        assertThat(ClientAllowlist.parse(List.of()).allows(InetAddress.getByName("203.0.113.9")))
                .isTrue();
    }

    @Test
    void matchesAddressesAndBlocksOfBothFamilies() throws Exception {
        ClientAllowlist allowlist =
                ClientAllowlist.parse(List.of("10.1.0.0/16", "192.0.2.7", "2001:db8::/33", "100.64.0.0/10"));

        assertThat(allowlist.allows(InetAddress.getByName("10.1.255.3"))).isTrue();
        assertThat(allowlist.allows(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(allowlist.allows(InetAddress.getByName("192.0.2.7"))).isTrue();
        assertThat(allowlist.allows(InetAddress.getByName("192.0.2.8"))).isFalse();
        assertThat(allowlist.allows(InetAddress.getByName("100.127.1.1"))).isTrue();
        assertThat(allowlist.allows(InetAddress.getByName("100.128.0.1"))).isFalse();
        assertThat(allowlist.allows(InetAddress.getByName("2001:db8:7fff::1"))).isTrue();
        assertThat(allowlist.allows(InetAddress.getByName("2001:db8:8000::1"))).isFalse();
    }

    @Test
    void refusesHostNamesAndBadPrefixesInsteadOfResolvingOrIgnoringThem() {
        assertThatThrownBy(() -> ClientAllowlist.parse(List.of("example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example.com");
        assertThatThrownBy(() -> ClientAllowlist.parse(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAllowlist.parse(List.of("10.0.0.0/x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
