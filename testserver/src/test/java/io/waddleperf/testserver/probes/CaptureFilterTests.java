package io.waddleperf.testserver.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CaptureFilterTests {

    @Test
    void limitsAnIpv4CaptureToTheIperfAndEchoPortsOfTheTarget() throws Exception {
        assertThat(CaptureFilter.of(InetAddress.getByName("192.0.2.7"), 5201, 2000))
                .isEqualTo("ip host 192.0.2.7 and (tcp port 5201 or udp port 5201 or udp port 2000)");
    }

    @Test
    void limitsAnIpv6CaptureWithoutTheScopeId() throws Exception {
        assertThat(CaptureFilter.of(InetAddress.getByName("2001:db8::1"), 5202, 7))
                .isEqualTo("ip6 host 2001:db8:0:0:0:0:0:1 and (tcp port 5202 or udp port 5202 or udp port 7)");
        assertThat(CaptureFilter.of(InetAddress.getByName("fe80::1%1"), 5201, 2000))
                .startsWith("ip6 host fe80:0:0:0:0:0:0:1 and");
    }

    @Test
    void namesTheAddressTheProbeResolvedNeverTheName() throws Exception {
        // A name resolved once by the probe; tcpdump gets the address, so it cannot resolve again.
        InetAddress resolved = InetAddress.getByAddress("iperf.example.test", new byte[] {(byte) 198, 51, 100, 7});

        assertThat(CaptureFilter.of(resolved, 5201, 2000))
                .startsWith("ip host 198.51.100.7 and")
                .doesNotContain("example");
    }
}
