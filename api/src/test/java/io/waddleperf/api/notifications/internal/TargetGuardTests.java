package io.waddleperf.api.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SSRF guard on address literals only, so no test depends on DNS. */
class TargetGuardTests {

    static final List<String> NOT_PUBLIC = List.of(
            "http://127.0.0.1/hook",
            "http://127.8.9.10/hook",
            "http://[::1]/hook",
            "http://0.0.0.0/hook",
            "http://[::]/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://[fe80::1]/hook",
            "http://10.1.2.3/hook",
            "http://172.31.0.1/hook",
            "http://192.168.0.10/hook",
            "http://100.64.0.1/hook",
            "http://100.127.255.254/hook",
            "http://[fd12:3456::1]/hook",
            "http://[fc00::1]/hook",
            "http://224.0.0.251/hook",
            "http://[ff02::1]/hook",
            "http://255.255.255.255/hook",
            "http://[::ffff:127.0.0.1]/hook",
            "http://[64:ff9b::a9fe:a9fe]/hook");

    @Test
    void refusesEveryNonPublicAddressByDefault() {
        TargetGuard guard = guard(Map.of());
        for (String url : NOT_PUBLIC) {
            assertThat(guard.problemWith(url))
                    .as(url)
                    .hasValueSatisfying(p -> assertThat(p).contains("not a public address"));
        }
    }

    @Test
    void letsPublicAddressesThrough() {
        TargetGuard guard = guard(Map.of());
        for (String url : List.of(
                "https://8.8.8.8/hook",
                "https://1.1.1.1:8443/x",
                "https://[2606:4700:4700::1111]/hook",
                "https://100.128.0.1/hook",
                "http://172.32.0.1/hook")) {
            assertThat(guard.problemWith(url)).as(url).isEmpty();
        }
    }

    @Test
    void refusesOtherSchemesUserInfoAndUrlsWithoutHost() {
        TargetGuard guard = guard(Map.of());
        assertThat(guard.problemWith("ftp://8.8.8.8/x")).hasValue("must be an https or http URL");
        assertThat(guard.problemWith("file:///etc/passwd")).hasValue("must be an https or http URL");
        assertThat(guard.problemWith("gopher://8.8.8.8:70/x")).hasValue("must be an https or http URL");
        assertThat(guard.problemWith("https://user:pw@8.8.8.8/x")).hasValue("must not carry a user name or password");
        assertThat(guard.problemWith("https:///x")).hasValue("must name a host");
        assertThat(guard.problemWith("not a url")).isPresent();
    }

    @Test
    void anOperatorMayAllowBlocksOrEveryPrivateTarget() {
        TargetGuard some = guard(Map.of("allowed-targets", "10.20.0.0/16,127.0.0.1/32"));
        assertThat(some.problemWith("http://10.20.3.4/hook")).isEmpty();
        assertThat(some.problemWith("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(some.problemWith("http://10.21.0.1/hook")).isPresent();
        assertThat(some.problemWith("http://169.254.169.254/")).isPresent();

        TargetGuard all = guard(Map.of("allow-private-targets", "true"));
        for (String url : NOT_PUBLIC) {
            assertThat(all.problemWith(url)).as(url).isEmpty();
        }
    }

    private static TargetGuard guard(Map<String, String> settings) {
        return new TargetGuard(NotificationsPropertiesFixture.bind(settings));
    }
}
