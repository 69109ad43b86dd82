package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddleperf.testserver.iperf.IperfJson.PeerResults;
import io.waddleperf.testserver.iperf.IperfJson.PeerStream;
import io.waddleperf.testserver.iperf.IperfJson.StreamReport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IperfJsonTests {

    @Test
    void readsResultsFromA312ClientWithItsUnsignedMinusOnes() throws Exception {
        // Shape captured from iperf3 3.12 -R: a receiving client reports retransmits as unsigned -1.
        PeerResults results = IperfJson.parsePeerResults(
                bytes("{\"cpu_util_total\":12.5,\"cpu_util_user\":1.25,\"cpu_util_system\":11.25,"
                        + "\"sender_has_retransmits\":18446744073709551615,\"streams\":[{\"id\":1,"
                        + "\"bytes\":5281808384,\"retransmits\":18446744073709551615,\"jitter\":0,\"errors\":0,"
                        + "\"packets\":0,\"start_time\":0,\"end_time\":2.000106}]}"),
                1);

        assertThat(results.cpuTotal()).isEqualTo(12.5);
        assertThat(results.streams()).containsExactly(new PeerStream(1, 5_281_808_384L, -1, 0, 0, 0));
    }

    @Test
    void refusesResultsWithoutAFieldIperf3Requires() {
        assertThatThrownBy(() -> IperfJson.parsePeerResults(
                        bytes("{\"cpu_util_total\":1,\"cpu_util_user\":1,\"cpu_util_system\":0,"
                                + "\"sender_has_retransmits\":0,\"streams\":[{\"id\":1,\"bytes\":1}]}"),
                        1))
                .isInstanceOfSatisfying(
                        IperfProtocolException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(Wire.IERECVRESULTS));
    }

    @Test
    void refusesMoreStreamsThanTheTestHas() {
        String stream = "{\"id\":1,\"bytes\":1,\"retransmits\":0,\"jitter\":0,\"errors\":0,\"packets\":0}";
        assertThatThrownBy(() -> IperfJson.parsePeerResults(
                        bytes("{\"cpu_util_total\":1,\"cpu_util_user\":1,\"cpu_util_system\":0,"
                                + "\"sender_has_retransmits\":0,\"streams\":[" + stream + "," + stream + "]}"),
                        1))
                .isInstanceOf(IperfProtocolException.class);
    }

    @Test
    void writesResultsWithEveryFieldTheStockClientReads() throws Exception {
        byte[] json =
                IperfJson.serverResults(3.5, 1.0, 2.5, -1, List.of(new StreamReport(1, 1000, -1, 0.0001, 2, 10, 2.0)));

        // Our own writer must satisfy the checks iperf3 applies to our results.
        PeerResults readBack = IperfJson.parsePeerResults(json, 1);
        assertThat(readBack.streams()).containsExactly(new PeerStream(1, 1000, -1, 0.0001, 2, 10));
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"sender_has_retransmits\":-1")
                .contains("\"start_time\":0.0")
                .contains("\"end_time\":2.0");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
