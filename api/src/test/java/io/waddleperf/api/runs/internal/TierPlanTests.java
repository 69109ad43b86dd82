package io.waddleperf.api.runs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.runs.internal.RunStore.NewProbe;
import io.waddleperf.api.shared.errors.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TierPlanTests {

    private static TierPlan.Target parse(String target) {
        List<FieldError> errors = new ArrayList<>();
        TierPlan.Target parsed = TierPlan.parse(target, errors);
        assertThat(errors).as(target).isEmpty();
        return parsed;
    }

    @Test
    void aHostIsProbedOnHttpsAndPort443() {
        assertThat(parse("example.com")).isEqualTo(new TierPlan.Target("example.com", 443, "https://example.com/"));
    }

    @Test
    void hostAndPortKeepThePortAndUsePlainHttpOffPort443() {
        assertThat(parse("10.0.0.5:8080")).isEqualTo(new TierPlan.Target("10.0.0.5", 8080, "http://10.0.0.5:8080/"));
        assertThat(parse("example.com:443").url()).isEqualTo("https://example.com:443/");
    }

    @Test
    void aUrlIsFetchedAsGivenAndConnectsToItsSchemesPort() {
        assertThat(parse("http://example.com/health"))
                .isEqualTo(new TierPlan.Target("example.com", 80, "http://example.com/health"));
        assertThat(parse("https://[::1]:8443/x").port()).isEqualTo(8443);
    }

    @Test
    void refusesWhatIsNotAHostPortOrHttpUrl() {
        for (String bad : List.of("ftp://example.com", "exa mple.com", "example.com:70000", "300.1.1.1", "-a.com")) {
            List<FieldError> errors = new ArrayList<>();
            TierPlan.parse(bad, errors);
            assertThat(errors).as(bad).extracting(FieldError::field).containsExactly("target");
        }
    }

    @Test
    void tierOneProbesTcpDnsHttpAndUdpEchoTenTimes() {
        List<NewProbe> probes = TierPlan.probes(1, parse("example.com:8443"), settings("127.0.0.1:53", 2000, 5201));

        assertThat(probes)
                .containsExactly(
                        new NewProbe("tcp_connect", "example.com:8443", Map.of("count", 10)),
                        new NewProbe("dns", "example.com", Map.of("resolver", "127.0.0.1:53")),
                        new NewProbe("http", "http://example.com:8443/", Map.of()),
                        new NewProbe("udp_echo", "example.com:2000", Map.of("count", 10)));
    }

    @Test
    void tierTwoAndThreeMeasureJitterAndThroughput() {
        assertThat(TierPlan.probes(2, parse("example.com"), settings(null, 2000, 5201)))
                .extracting(NewProbe::type)
                .containsExactly("udp_echo", "throughput", "http");
        assertThat(TierPlan.probes(2, parse("example.com"), settings(null, 2000, 5201))
                        .getFirst()
                        .params())
                .containsEntry("count", 50);
        List<NewProbe> three = TierPlan.probes(3, parse("example.com"), settings(null, 2100, 5301));
        assertThat(three).extracting(NewProbe::type).containsExactly("throughput", "udp_echo");
        assertThat(three.getFirst().params())
                .containsEntry("durationSeconds", 60)
                .containsEntry("bidirectional", true)
                .containsEntry("capture", true);
        assertThat(TierPlan.probes(2, parse("example.com"), settings(null, 2000, 5201))
                        .get(1)
                        .params())
                .doesNotContainKey("capture");
        assertThat(three.get(1).target()).isEqualTo("example.com:2100");
        assertThat(three.getFirst().target()).isEqualTo("example.com:5301");
        assertThat(TierPlan.probes(2, parse("example.com"), settings(null, 2000, 5201))
                        .get(1))
                .satisfies(throughput -> {
                    assertThat(throughput.target()).isEqualTo("example.com:5201");
                    assertThat(throughput.params()).containsEntry("durationSeconds", 10);
                });
    }

    private static TierPlan.Settings settings(String dnsResolver, int udpEchoPort, int iperfPort) {
        return new TierPlan.Settings(dnsResolver, udpEchoPort, iperfPort, 10, 60);
    }
}
