package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waddleperf.testserver.iperf.server.IperfServer;
import io.waddleperf.testserver.iperf.server.IperfTestResult;
import io.waddleperf.testserver.iperf.server.IperfTestResult.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * TCP_INFO on the server side, seen through the stock iperf3 client: what it shows for our
 * sending streams is what our kernel counted. Needs Linux and a JDK 22+ build; elsewhere the server
 * reports what iperf3 reports without TCP_INFO, which {@link IperfServerIT} covers.
 */
class TcpInfoIT {

    static final RecordingListener listener = new RecordingListener();
    static IperfServer server;

    @BeforeAll
    static void startServer() {
        assumeThat(TcpInfoReader.available())
                .as("TCP_INFO needs Linux and the JDK 22+ build")
                .isTrue();
        server = IperfServer.start(TestSettings.loopback(), listener, new SimpleMeterRegistry());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void stockReverseClientShowsOurRetransmitCount() {
        int before = listener.finished.size();
        StockIperf3.Run client = StockIperf3.run(server.localPort(), "-t", "2", "-R", "-P", "2");
        assertThat(client.exitCode()).as("stderr: %s", client.stderr()).isZero();
        IperfTestResult result = listener.awaitResult(before + 1);
        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);

        long ours = result.streams().stream()
                .mapToLong(stream -> stream.tcp().retransmits())
                .sum();
        JsonNode sumSent = client.end().path("sum_sent");
        assertThat(sumSent.path("retransmits").isNumber()).isTrue();
        assertThat(sumSent.path("retransmits").asLong()).isNotNegative().isEqualTo(ours);
        assertThat(result.streams()).allSatisfy(stream -> {
            assertThat(stream.tcp().maxSndCwnd()).isPositive();
            assertThat(stream.tcp().maxRtt()).isPositive();
            assertThat(stream.tcp().meanRtt())
                    .isBetween(stream.tcp().minRtt(), stream.tcp().maxRtt());
        });
    }

    @Test
    void everyIntervalOfASendingStreamCarriesItsTcpInfo() {
        int before = listener.finished.size();
        StockIperf3.Run client = StockIperf3.run(server.localPort(), "-t", "2", "-R");
        assertThat(client.exitCode()).as("stderr: %s", client.stderr()).isZero();
        IperfTestResult result = listener.awaitResult(before + 1);

        assertThat(result.intervals()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(result.intervals())
                .allSatisfy(interval -> assertThat(interval.streams())
                        .singleElement()
                        .satisfies(stream -> {
                            assertThat(stream.retransmits()).isNotNegative();
                            assertThat(stream.tcpInfo()).isNotNull();
                            assertThat(stream.tcpInfo().sndCwnd()).isPositive();
                            assertThat(stream.tcpInfo().rtt()).isPositive();
                            assertThat(stream.tcpInfo().pmtu()).isPositive();
                        }));
        // The per-interval counts add up to the stream's total.
        assertThat(result.intervals().stream()
                        .mapToLong(interval -> interval.streams().getFirst().retransmits())
                        .sum())
                .isEqualTo(result.streams().getFirst().tcp().retransmits());
    }

    @Test
    void receivingStreamsReportNoTcpFigures() {
        int before = listener.finished.size();
        StockIperf3.Run client = StockIperf3.run(server.localPort(), "-t", "1");
        assertThat(client.exitCode()).as("stderr: %s", client.stderr()).isZero();
        IperfTestResult result = listener.awaitResult(before + 1);

        // As iperf3: only a sender's TCP_INFO is reported; the client's own count is its own.
        assertThat(result.streams())
                .singleElement()
                .satisfies(stream -> assertThat(stream.tcp()).isNull());
        assertThat(result.intervals())
                .allSatisfy(interval ->
                        assertThat(interval.streams().getFirst().retransmits()).isEqualTo(-1));
    }
}
