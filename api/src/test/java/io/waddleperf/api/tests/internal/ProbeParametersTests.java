package io.waddleperf.api.tests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.tests.NodeSelector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ProbeParametersTests {

    static final NodeSelector ANY_EU = new NodeSelector(null, "eu-west", null);

    @Test
    void acceptsEachProbeTypeWithinBounds() {
        assertThat(check("tcp_connect", "example.com:443", Map.of("count", 10, "timeoutMillis", 3000)))
                .isEmpty();
        assertThat(check("udp_echo", "192.0.2.7", Map.of("count", 100, "packetSize", 9000, "token", "secret-01")))
                .isEmpty();
        assertThat(check("http", "https://example.com/health", Map.of("method", "HEAD", "insecure", false)))
                .isEmpty();
        assertThat(check("dns", "example.com", Map.of("qtype", "AAAA", "resolver", "127.0.0.1:5353")))
                .isEmpty();
        assertThat(check("ssh", "[2001:db8::1]:22", Map.of())).isEmpty();
        assertThat(check("throughput", "iperf.example.net:5201", Map.of("durationSeconds", 300, "streams", 128)))
                .isEmpty();
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("count", 0);
        params.put("packetSize", 63);
        params.put("colour", "blue");

        List<FieldError> errors =
                ProbeParameters.check("udp_echo", "bad host!", params, new NodeSelector(null, null, null));

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "target", "params.count", "params.packetSize", "params.colour", "nodeSelector");
        assertThat(errors)
                .filteredOn(e -> e.field().equals("params.packetSize"))
                .extracting(FieldError::message)
                .containsExactly("must be a whole number from 64 to 9000");
    }

    @Test
    void enforcesSpecBoundsForThroughput() {
        assertThat(check("throughput", "h:5201", Map.of("durationSeconds", 301)))
                .extracting(FieldError::field)
                .containsExactly("params.durationSeconds");
        assertThat(check("throughput", "h:5201", Map.of("streams", 129))).hasSize(1);
        assertThat(check("throughput", "h:5201", Map.of("reverse", true, "bidirectional", true)))
                .extracting(FieldError::field)
                .containsExactly("params.bidirectional");
        assertThat(check("throughput", "h:5201", Map.of("streams", 2.5))).hasSize(1);
    }

    @Test
    void rejectsTargetsOfTheWrongShape() {
        assertThat(check("tcp_connect", "example.com", Map.of()))
                .extracting(FieldError::message)
                .containsExactly("must include a port (host:port)");
        assertThat(check("http", "ftp://example.com", Map.of())).hasSize(1);
        assertThat(check("http", "https://user:pw@example.com", Map.of())).hasSize(1);
        assertThat(check("tcp_connect", "2001:db8::1:22", Map.of())).hasSize(1);
        assertThat(check("tcp_connect", "example.com:70000", Map.of())).hasSize(1);
        assertThat(check("dns", "exa mple.com", Map.of())).hasSize(1);
    }

    @Test
    void nodeSelectorNamesExactlyOneThing() {
        assertThat(ProbeParameters.check("ssh", "h", Map.of(), new NodeSelector(UUID.randomUUID(), "eu", null)))
                .extracting(FieldError::field)
                .containsExactly("nodeSelector");
        assertThat(ProbeParameters.check("ssh", "h", Map.of(), new NodeSelector(null, null, "rack=1")))
                .isEmpty();
    }

    @Property(tries = 500)
    void arbitraryParametersNeverThrow(
            @ForAll("types") String type, @ForAll("maps") Map<String, Object> params, @ForAll String target) {
        List<FieldError> errors = ProbeParameters.check(type, target, params, ANY_EU);

        assertThat(errors).allSatisfy(error -> assertThat(error.message()).isNotBlank());
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("tcp_connect", "udp_echo", "http", "dns", "ssh", "throughput", "bogus", "");
    }

    @Provide
    Arbitrary<Map<String, Object>> maps() {
        Arbitrary<String> keys = Arbitraries.of(
                "count",
                "intervalMillis",
                "timeoutMillis",
                "packetSize",
                "token",
                "method",
                "insecure",
                "qtype",
                "resolver",
                "streams",
                "durationSeconds",
                "reverse",
                "bidirectional",
                "x");
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.longs().map(v -> (Object) v),
                Arbitraries.doubles().map(v -> (Object) v),
                Arbitraries.strings().ofMaxLength(40).map(v -> (Object) v),
                Arbitraries.of(true, false).map(v -> (Object) v));
        return Arbitraries.maps(keys, values).ofMaxSize(6);
    }

    private static List<FieldError> check(String type, String target, Map<String, Object> params) {
        return ProbeParameters.check(type, target, params, ANY_EU);
    }
}
