package io.waddleperf.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProbeContractsTests {

    private static final ProbeContract TCP = ProbeContracts.of(ProbeType.TCP_CONNECT);

    @Test
    void aRunLongerThanTheLimitNamesTheFieldTheRuleAndTheActualLength() {
        assertThat(TCP.check("example.com:443", Map.of("count", 1000, "intervalMillis", 10_000)))
                .containsExactly(
                        new Violation("params.count", "count × intervalMillis must be at most 300 s; it is 10,000 s"));
        assertThat(TCP.check("example.com:443", Map.of("count", 1000, "intervalMillis", 301)))
                .extracting(Violation::message)
                .containsExactly("count × intervalMillis must be at most 300 s; it is 301 s");
        assertThat(TCP.check("example.com:443", Map.of("count", 1000, "intervalMillis", 300)))
                .isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("count", 0);
        params.put("timeoutMillis", "fast");
        params.put("bogus", true);

        assertThat(TCP.check("example.com", params))
                .containsExactlyInAnyOrder(
                        new Violation("target", "must include a port (host:port)"),
                        new Violation("params.count", "must be a whole number from 1 to 1000"),
                        new Violation("params.timeoutMillis", "must be a whole number from 100 to 30000"),
                        new Violation(
                                "params.bogus",
                                "is not a parameter of tcp_connect; allowed: [count, intervalMillis, timeoutMillis]"));
    }

    @Test
    void numbersPastTheRangeOfLongAreRefusedNotWrapped() {
        assertThat(TCP.check("a:1", Map.of("count", new java.math.BigInteger("18446744073709551617"))))
                .extracting(Violation::field)
                .containsExactly("params.count");
        assertThat(TCP.check("a:1", Map.of("count", 2.5))).hasSize(1);
        assertThat(TCP.check("a:1", Map.of("count", 2.0))).isEmpty();
    }

    @Test
    void paramsFillTheDefaultsAndGiveTheExpectedLength() {
        assertThat(TCP.params(Map.of())).isEqualTo(new ProbeParams.TcpConnect(10, 200, 3000));
        assertThat(TCP.params(Map.of()).expectedMillis()).isEqualTo(5000);
        var throughput = (ProbeParams.Throughput)
                ProbeContracts.of(ProbeType.THROUGHPUT).params(Map.of("protocol", "udp", "durationSeconds", 5));
        assertThat(throughput.blockSize()).isEqualTo(ProbeParams.Throughput.DEFAULT_UDP_DATAGRAM);
        assertThat(throughput.bandwidth()).isEqualTo(ProbeParams.Throughput.DEFAULT_UDP_BANDWIDTH);
        assertThat(throughput.echoPort()).isEqualTo(2000);
        assertThat(throughput.capture()).isFalse();
        assertThatThrownBy(() -> TCP.params(Map.of("count", -1)))
                .isInstanceOf(InvalidProbeSpec.class)
                .hasMessage("params.count must be a whole number from 1 to 1000");
    }

    @Test
    void reverseAndBidirectionalCannotBothBeSet() {
        assertThat(ProbeContracts.of(ProbeType.THROUGHPUT)
                        .check("127.0.0.1", Map.of("reverse", true, "bidirectional", true)))
                .containsExactly(new Violation("params.bidirectional", "cannot be combined with reverse"));
    }

    @Test
    void targetsAreCheckedByTheirFormat() {
        ProbeContract http = ProbeContracts.of(ProbeType.HTTP);
        assertThat(http.check("https://example.com/x", Map.of())).isEmpty();
        assertThat(http.check("ftp://example.com/", Map.of()))
                .containsExactly(new Violation("target", "must be an http:// or https:// URL"));
        assertThat(http.check("https://user:pw@example.com/", Map.of()))
                .containsExactly(new Violation("target", "must name a host and carry no credentials"));
        assertThat(http.check("https://example.com/#top", Map.of()))
                .containsExactly(new Violation("target", "must not carry a #fragment"));
        ProbeContract echo = ProbeContracts.of(ProbeType.UDP_ECHO);
        assertThat(echo.check("[::1]:2000", Map.of())).isEmpty();
        assertThat(Targets.hostPort("[::1]", 2000)).isEqualTo(new HostPort("::1", 2000));
        assertThat(echo.check("::1", Map.of()))
                .containsExactly(new Violation("target", "must be host:port with IPv6 addresses in brackets"));
        assertThat(echo.check("host:0", Map.of())).containsExactly(new Violation("target", "port must be 1-65535"));
        assertThat(ProbeContracts.of(ProbeType.DNS).check("under_score.example", Map.of()))
                .containsExactly(new Violation("target", "must be a DNS name"));
        assertThat(echo.check(" ", Map.of())).containsExactly(new Violation("target", "must not be blank"));
    }

    @Test
    void schemaCarriesBoundsDefaultsUnitsMessagesAndCrossRules() {
        Map<String, Object> schema = TCP.paramsSchema();
        assertThat(schema).containsEntry("type", "object").containsEntry("additionalProperties", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> interval =
                (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get("intervalMillis");
        assertThat(interval)
                .containsEntry("type", "integer")
                .containsEntry("minimum", 0L)
                .containsEntry("maximum", 10_000L)
                .containsEntry("default", 200L)
                .containsEntry("x-unit", "ms")
                .containsEntry("x-message", "must be a whole number from 0 to 10000");
        assertThat((List<?>) schema.get("x-rules")).hasSize(1);
    }

    @Test
    void textPatternsReadTheSameInTheSchemaAsInJava() {
        ParamRule resolver = ProbeContracts.of(ProbeType.DNS).params().getFirst();
        String pattern = (String) resolver.schema().get("pattern");
        for (String value : List.of("127.0.0.1", "127.0.0.1:53", "[::1]:5353", "dns.example.", "a:70000", "x y", "")) {
            assertThat(Pattern.compile(pattern).matcher(value).find()).as(value).isEqualTo(resolver.accepts(value));
        }
        assertThat(resolver.accepts("[::1]:5353")).isTrue();
        assertThat(resolver.accepts("a:70000")).isFalse();
    }

    @Test
    void resultRecordsNameEveryFigureTheCatalogueLabels() {
        for (ProbeContract contract : ProbeContracts.all()) {
            var components = java.util.Arrays.stream(
                            ProbeResult.recordOf(contract.type()).getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName)
                    .toList();
            assertThat(contract.results())
                    .as(contract.type().wireName())
                    .allSatisfy(
                            field -> assertThat(components).contains(field.key().split("\\.")[0]));
        }
    }

    @Test
    void throughputProgressLabelsFiguresTheSampleCarries() {
        var components = java.util.Arrays.stream(ProbeProgress.Throughput.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)
                .toList();
        var keys = ProbeContracts.of(ProbeType.THROUGHPUT).progress().stream()
                .map(ResultField::key)
                .toList();
        assertThat(components).containsAll(keys);
        // The TCP_INFO figures a TCP upload's samples carry are labelled for the UI too.
        assertThat(keys)
                .contains("retransmits", "sndCwndBytes", "sndWndBytes", "tcpRttMicros", "tcpRttvarMicros", "pmtuBytes");
    }

    @Test
    void throughputEndOfTestTcpFiguresNameComponentsOfTheTcpRecord() {
        var components = java.util.Arrays.stream(ProbeResult.Tcp.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)
                .toList();
        var nested = ProbeContracts.of(ProbeType.THROUGHPUT).results().stream()
                .map(ResultField::key)
                .filter(key -> key.startsWith("tcp."))
                .map(key -> key.substring("tcp.".length()))
                .toList();
        assertThat(nested).contains("pmtuBytes", "maxSndCwndBytes");
        assertThat(components).containsAll(nested);
    }
}
