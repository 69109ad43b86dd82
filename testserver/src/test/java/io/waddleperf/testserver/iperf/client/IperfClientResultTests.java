package io.waddleperf.testserver.iperf.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.testserver.iperf.IperfTransport;
import io.waddleperf.testserver.iperf.TcpSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class IperfClientResultTests {

    private static IperfClientResult result(List<IperfClientResult.Stream> streams) {
        return new IperfClientResult(
                IperfTransport.TCP, IperfDirection.BIDIRECTIONAL, 2, 2.0, streams, List.of(), 0, 1);
    }

    private static IperfClientResult.Stream stream(int id, boolean clientSends, TcpSummary tcp) {
        return new IperfClientResult.Stream(
                id, clientSends, 1000, 1000, 0, 0, 0, tcp == null ? 0 : tcp.retransmits(), tcp);
    }

    @Test
    void uploadTcpCombinesTheClientsSendingStreamsOnly() {
        IperfClientResult result = result(List.of(
                stream(1, true, new TcpSummary(3, 100_000, 60_000, 40, 90, 60, 1500)),
                stream(3, true, new TcpSummary(2, 50_000, 40_000, 30, 120, 80, 1400)),
                // The server's stream of a bidirectional test: its figures are not the client's.
                stream(5, false, new TcpSummary(99, 1, 1, 1, 1_000_000, 1, 9000))));

        assertThat(result.uploadTcp()).isEqualTo(new TcpSummary(5, 150_000, 100_000, 30, 120, 70, 1400));
    }

    @Test
    void aSendWindowTheKernelDoesNotReportStaysUnknownAndNoTcpInfoIsNull() {
        IperfClientResult oldKernel = result(List.of(stream(1, true, new TcpSummary(0, 10, -1, 5, 5, 5, 1500))));
        assertThat(oldKernel.uploadTcp().maxSndWnd()).isEqualTo(-1);

        IperfClientResult withoutTcpInfo = result(List.of(stream(1, true, null), stream(2, false, null)));
        assertThat(withoutTcpInfo.uploadTcp()).isNull();
    }
}
