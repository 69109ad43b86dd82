package io.waddleperf.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a client sends, checking never throws, and the typed parameters exist exactly when
 * the check found nothing wrong with them: a node building a probe from accepted parameters
 * cannot fail on them.
 */
class ProbeContractPropertyTests {

    @Property(tries = 2000)
    void checkIsTotalAndParamsExistExactlyWhenAccepted(
            @ForAll ProbeType type, @ForAll("targets") String target, @ForAll("params") Map<String, Object> params) {
        ProbeContract contract = ProbeContracts.of(type);
        List<Violation> violations = contract.check(target, params);
        boolean paramsValid = violations.stream().noneMatch(v -> v.field().startsWith("params"));
        if (paramsValid) {
            ProbeParams parsed = contract.params(params);
            assertThat(parsed.expectedMillis()).isBetween(0L, 310_000L);
        } else {
            assertThatThrownBy(() -> contract.params(params)).isInstanceOf(InvalidProbeSpec.class);
        }
        if (violations.stream().noneMatch(v -> v.field().equals("target"))
                && contract.target().format() == TargetRule.Format.HOST_PORT) {
            Integer port = contract.target().defaultPort();
            assertThat(Targets.hostPort(target, port == null ? -1 : port).port())
                    .isBetween(1, 65_535);
        }
    }

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of("127.0.0.1:1", "[::1]:80", "example.com", "https://example.com/a", "h:65536", "a..b"),
                Combinators.combine(
                                Arbitraries.strings()
                                        .withCharRange('a', 'z')
                                        .ofMinLength(1)
                                        .ofMaxLength(10),
                                Arbitraries.integers().between(-1, 70_000))
                        .as((host, port) -> host + ":" + port));
    }

    @Provide
    Arbitrary<Map<String, Object>> params() {
        Arbitrary<String> names = Arbitraries.of(
                "count",
                "intervalMillis",
                "timeoutMillis",
                "packetSize",
                "token",
                "method",
                "insecure",
                "maxBodyBytes",
                "resolver",
                "qtype",
                "tcp",
                "protocol",
                "durationSeconds",
                "streams",
                "bandwidthBitsPerSecond",
                "omitSeconds",
                "reverse",
                "bidirectional",
                "echoPort",
                "capture",
                "bogus");
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.longs().between(-10, 400_000).map(Object.class::cast),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 1e300, Double.NaN, 2.5)
                        .map(Object.class::cast),
                Arbitraries.of("GET", "HEAD", "tcp", "udp", "A", "127.0.0.1:53", "token-1234", "")
                        .map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast));
        return Arbitraries.maps(names, values).ofMaxSize(6).map(LinkedHashMap::new);
    }
}
