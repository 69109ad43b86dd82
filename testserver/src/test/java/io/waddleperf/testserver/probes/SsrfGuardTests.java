package io.waddleperf.testserver.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddleperf.protocol.ProbeType;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SsrfGuardTests {

    private final SsrfGuard strict = new SsrfGuard(false, false);
    private final SsrfGuard permissive = new SsrfGuard(true, true);

    @ParameterizedTest
    @CsvSource({
        "169.254.169.254, metadata",
        "fd00:ec2::254, metadata",
        "100.100.100.200, metadata",
        "169.254.10.1, link-local",
        "fe80::1, link-local",
        "febf:ffff::1, link-local",
        "0.0.0.0, unspecified",
        "::, unspecified",
        "224.0.0.251, multicast or reserved",
        "ff02::1, multicast or reserved",
        "255.255.255.255, multicast or reserved"
    })
    void refusesLinkLocalMetadataAndNonUnicastEvenWhenPrivateAndLoopbackAreAllowed(String address, String reason)
            throws Exception {
        assertThat(permissive.refusal(InetAddress.getByName(address))).contains(reason);
        assertThat(strict.refusal(InetAddress.getByName(address))).contains(reason);
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "fc00::1", "fd12:3456::1"})
    void refusesPrivateRangesUnlessAllowed(String address) throws Exception {
        assertThat(strict.refusal(InetAddress.getByName(address))).contains("private");
        assertThat(permissive.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1", "127.255.0.9", "::1"})
    void refusesLoopbackUnlessAllowed(String address) throws Exception {
        assertThat(strict.refusal(InetAddress.getByName(address))).contains("loopback");
        assertThat(permissive.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"8.8.8.8", "172.32.0.1", "192.0.2.10", "2001:db8::1", "2606:4700::1111"})
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(strict.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void judgesIpv4MappedAddressesByTheIpv4AddressTheyCarry() throws Exception {
        // Built as a real Inet6Address: the JDK's own parser would silently turn it into IPv4.
        Inet6Address mappedMetadata = Inet6Address.getByAddress(
                null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 169, (byte) 254, (byte) 169, (byte) 254},
                -1);
        Inet6Address mappedPrivate =
                Inet6Address.getByAddress(null, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 10, 0, 0, 1}, -1);
        Inet6Address mappedLoopback =
                Inet6Address.getByAddress(null, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1}, -1);

        assertThat(strict.refusal(mappedMetadata)).contains("metadata");
        assertThat(strict.refusal(mappedPrivate)).contains("private");
        assertThat(strict.refusal(mappedLoopback)).contains("loopback");
        assertThat(strict.refusal(InetAddress.getByName("::ffff:169.254.169.254")))
                .contains("metadata");
    }

    @ParameterizedTest
    @CsvSource({
        "64:ff9b::a9fe:a9fe, metadata", // NAT64 of 169.254.169.254
        "64:ff9b::a00:1, private", // NAT64 of 10.0.0.1
        "2002:a9fe:a9fe::1, metadata", // 6to4 of 169.254.169.254
        "2002:7f00:1::1, loopback", // 6to4 of 127.0.0.1
        "::a9fe:a9fe, metadata" // IPv4-compatible
    })
    void judgesOtherIpv6EncodingsOfIpv4ByTheEmbeddedAddress(String address, String reason) throws Exception {
        assertThat(strict.refusal(InetAddress.getByName(address))).contains(reason);
    }

    @Test
    void resolvesOnceAndRefusesANameWithAnyRefusedAddress() {
        assertThatThrownBy(() -> strict.resolve("localhost"))
                .isInstanceOf(TargetRefused.class)
                .hasMessageContaining("loopback");
        assertThat(permissive.resolve("127.0.0.1"))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1");
    }

    @Test
    void refusesAddressLiteralsWhenTheSpecIsPreparedWithoutResolvingAnything() {
        assertThatThrownBy(() ->
                        TestProbes.strict().prepare(ProbeType.HTTP, "http://169.254.169.254/latest/meta-data/", null))
                .isInstanceOf(TargetRefused.class)
                .extracting(e -> ((TargetRefused) e).reason())
                .isEqualTo("metadata");
        assertThatThrownBy(() -> TestProbes.strict().prepare(ProbeType.TCP_CONNECT, "[fe80::1]:22", null))
                .isInstanceOf(TargetRefused.class);
        assertThat(Probes.literal("999.1.1.1")).isEmpty();
        assertThat(Probes.literal("example.test")).isEmpty();
    }
}
