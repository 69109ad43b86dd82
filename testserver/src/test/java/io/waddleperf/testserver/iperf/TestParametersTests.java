package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestParametersTests {

    @Test
    void readsTheParametersAStock312ClientSendsForUdpReverse() throws Exception {
        // Captured from iperf3 3.12: -u -R --udp-counters-64bit -b 1M -l 1400 -t 2
        TestParameters parameters = parse("{\"udp\":true,\"omit\":0,\"time\":2,\"num\":0,\"blockcount\":0,"
                + "\"parallel\":1,\"reverse\":true,\"len\":1400,\"bandwidth\":1000000,\"pacing_timer\":1000,"
                + "\"udp_counters_64bit\":1,\"client_version\":\"3.12\"}");

        assertThat(parameters.transport()).isEqualTo(IperfTransport.UDP);
        assertThat(parameters.role()).isEqualTo(IperfRole.SENDER);
        assertThat(parameters.durationSeconds()).isEqualTo(2);
        assertThat(parameters.blockSize()).isEqualTo(1400);
        assertThat(parameters.bandwidth()).isEqualTo(1_000_000);
        assertThat(parameters.pacingTimerMicros()).isEqualTo(1000);
        assertThat(parameters.udpCounters64()).isTrue();
        assertThat(parameters.clientVersion()).isEqualTo("3.12");
        assertThat(parameters.streamCount()).isEqualTo(1);
    }

    @Test
    void fillsIperf3sDefaultsForWhatTheClientLeftOut() throws Exception {
        TestParameters tcp = parse("{\"tcp\":true}");
        TestParameters udp = parse("{\"udp\":true}");

        assertThat(tcp.transport()).isEqualTo(IperfTransport.TCP);
        assertThat(tcp.role()).isEqualTo(IperfRole.RECEIVER);
        assertThat(tcp.parallel()).isEqualTo(1);
        assertThat(tcp.blockSize()).isEqualTo(128 * 1024);
        assertThat(tcp.bandwidth()).isZero();
        assertThat(udp.blockSize()).isEqualTo(1460);
        // -b 0: the client leaves the rate out, and the server sends as fast as it can.
        assertThat(udp.bandwidth()).isZero();
    }

    @Test
    void keepsTheClientsExtraDataCutToItsBound() throws Exception {
        assertThat(parse("{\"tcp\":true}").extraData()).isNull();
        assertThat(parse("{\"tcp\":true,\"extra_data\":\"waddleperf-run:r1\"}").extraData())
                .isEqualTo("waddleperf-run:r1");
        assertThat(parse("{\"tcp\":true,\"extra_data\":\"" + "x".repeat(1000) + "\"}")
                        .extraData())
                .hasSize(TestParameters.MAX_EXTRA_DATA);
        assertThat(parse("{\"tcp\":true,\"extra_data\":7}").extraData()).isNull();
    }

    @Test
    void bidirectionalDoublesTheStreamsAndSendsOnTheSecondHalf() throws Exception {
        TestParameters parameters = parse("{\"tcp\":true,\"parallel\":3,\"bidirectional\":true}");

        assertThat(parameters.streamCount()).isEqualTo(6);
        assertThat(parameters.serverSends(0)).isFalse();
        assertThat(parameters.serverSends(2)).isFalse();
        assertThat(parameters.serverSends(3)).isTrue();
        assertThat(parameters.serverSends(5)).isTrue();
    }

    @Test
    void flagsCountByPresenceAsIperf3ChecksThem() throws Exception {
        TestParameters parameters = parse("{\"tcp\":true,\"nodelay\":false,\"udp_counters_64bit\":0}");

        assertThat(parameters.noDelay()).isTrue();
        assertThat(parameters.udpCounters64()).isTrue();
    }

    @Test
    void acceptsFloatsAndTheUnsignedMinusOneOf312() throws Exception {
        assertThat(parse("{\"tcp\":true,\"time\":2.9}").durationSeconds()).isEqualTo(2);
        assertThat(IperfJson.integer(
                        IperfJson.parse(bytes("{\"v\":18446744073709551615}"), 0)
                                .get("v"),
                        "v"))
                .isEqualTo(-1);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"tcp\":true,\"time\":301}|5",
                "{\"tcp\":true,\"parallel\":0}|6",
                "{\"tcp\":true,\"parallel\":129}|6",
                "{\"tcp\":true,\"len\":1048577}|7",
                "{\"udp\":true,\"len\":15}|20",
                "{\"udp\":true,\"len\":65508}|20",
                "{\"tcp\":true,\"omit\":61}|12",
                "{\"tcp\":true,\"burst\":1001}|15",
                "{\"tcp\":true,\"TOS\":256}|21",
                "{\"tcp\":true,\"window\":-1}|8",
                "{\"tcp\":true,\"reverse\":true,\"bidirectional\":true}|25",
                "{\"sctp\":true}|18",
                "{\"tcp\":true,\"num\":-5}|114",
                "{\"tcp\":true,\"time\":\"10\"}|114",
                "{\"tcp\":true,\"time\":1e400}|114",
                "{\"tcp\":true,\"time\":99999999999999999999999}|114"
            })
    void refusesParametersWithTheErrorIperf3Reports(String json, int errorCode) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(
                        IperfProtocolException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(errorCode));
    }

    private static TestParameters parse(String json) throws IperfProtocolException {
        return TestParameters.parse(IperfJson.parse(bytes(json), Wire.IERECVPARAMS), Duration.ofSeconds(300));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
