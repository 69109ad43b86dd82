package io.waddleperf.testserver.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.waddleperf.testserver.probes.CaptureProperties;
import io.waddleperf.testserver.probes.PacketCapture;
import io.waddleperf.testserver.probes.Probes;
import io.waddleperf.testserver.probes.SsrfGuard;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the run-spec parser with random JSON built from the real field names and plausible and
 * implausible values: every body either becomes a valid run or one 400 problem, never anything
 * else (no 500, no exception escaping, no network traffic: nothing here resolves a name).
 */
class RunSpecParserPropertyTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Private and loopback allowed so that refusals, a different outcome, cannot occur here. */
    private static final RunSpecParser PARSER = new RunSpecParser(
            JSON,
            new Probes(
                    JSON,
                    new SsrfGuard(true, true),
                    "test",
                    PacketCapture.detect(new CaptureProperties(false, null, Duration.ofSeconds(5), 400_000))));

    private static final List<String> KEYS = List.of(
            "runId",
            "type",
            "target",
            "params",
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
            "durationWithinLimit",
            "",
            "x");

    @Property(tries = 400)
    void anyJsonSpecIsEitherAValidRunOrA400Problem(@ForAll("specs") String body) {
        Throwable thrown = catchThrowable(() -> PARSER.parse(body));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(InvalidRunSpec.class);
            ProblemDetail problem = ((InvalidRunSpec) thrown).problem();
            assertThat(problem.getStatus()).isEqualTo(400);
            assertThat(problem.getType().toString())
                    .isIn(NodeProblems.TYPE_BASE + "validation", NodeProblems.TYPE_BASE + "malformed-json");
            if (problem.getType().toString().endsWith("validation")) {
                assertThat(problem.getProperties()).containsKey("errors");
                assertThat((List<?>) problem.getProperties().get("errors")).isNotEmpty();
            }
        }
    }

    @Property(tries = 200)
    void arbitraryTextIsNeverMoreThanA400(@ForAll String body) {
        Throwable thrown = catchThrowable(() -> PARSER.parse(body));

        assertThat(thrown).isInstanceOf(InvalidRunSpec.class);
        assertThat(((InvalidRunSpec) thrown).problem().getStatus()).isEqualTo(400);
    }

    @Provide
    Arbitrary<String> specs() {
        Arbitrary<Object> params =
                Arbitraries.maps(Arbitraries.of(KEYS), value(2)).ofMaxSize(5).map(map -> (Object) map);
        Arbitrary<Object> topValue = Arbitraries.oneOf(value(1), params);
        return Arbitraries.oneOf(
                        Arbitraries.maps(Arbitraries.of(KEYS), topValue)
                                .ofMaxSize(6)
                                .map(JSON::writeValueAsString),
                        wellFormed().map(JSON::writeValueAsString),
                        value(3).map(JSON::writeValueAsString))
                .map(json -> json);
    }

    /** Specs close to valid, so the validators (not just the shape checks) get exercised. */
    private Arbitrary<Map<String, Object>> wellFormed() {
        Arbitrary<String> types = Arbitraries.of("tcp_connect", "udp_echo", "http", "dns", "ssh", "iperf3", "TCP");
        Arbitrary<String> targets = Arbitraries.of(
                "127.0.0.1:80",
                "example.test",
                "example.test:22",
                "[::1]:2000",
                "http://example.test/x",
                "https://127.0.0.1:8443/",
                "ftp://example.test/",
                "http://u:p@example.test/",
                ":::",
                "a b",
                "",
                "host:0",
                "host:65536",
                "[::1",
                "x".repeat(300));
        Arbitrary<Object> numbers = Arbitraries.oneOf(
                Arbitraries.integers().between(-10, 70_000).map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of("10", "", "GET", "HEAD", "AAAA", "tok3n-abcdef", "127.0.0.1:53")
                        .map(s -> (Object) s),
                Arbitraries.of(true, false).map(b -> (Object) b));
        Arbitrary<Map<String, Object>> params = Arbitraries.maps(Arbitraries.of(KEYS.subList(4, KEYS.size())), numbers)
                .ofMaxSize(4);
        return Combinators.combine(Arbitraries.strings().ofMaxLength(70).injectNull(0.1), types, targets, params)
                .as((runId, type, target, p) -> {
                    Map<String, Object> spec = new LinkedHashMap<>();
                    spec.put("runId", runId == null ? "run-1" : runId);
                    spec.put("type", type);
                    spec.put("target", target);
                    spec.put("params", p);
                    return spec;
                });
    }

    private Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth <= 0) {
            return scalar;
        }
        return Arbitraries.oneOf(
                scalar,
                value(depth - 1).list().ofMaxSize(3).map(list -> (Object) list),
                Arbitraries.maps(Arbitraries.of(KEYS), value(depth - 1))
                        .ofMaxSize(3)
                        .map(map -> (Object) map));
    }
}
