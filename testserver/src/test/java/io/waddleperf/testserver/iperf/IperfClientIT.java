package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waddleperf.testserver.iperf.client.IperfClient;
import io.waddleperf.testserver.iperf.client.IperfClientRequest;
import io.waddleperf.testserver.iperf.client.IperfClientResult;
import io.waddleperf.testserver.iperf.client.IperfDirection;
import io.waddleperf.testserver.iperf.server.IperfServer;
import io.waddleperf.testserver.iperf.server.IperfTestResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Our client against the stock {@code iperf3 -s} 3.12 and against our own server. Both ends count
 * every byte; the tests compare the two counts.
 *
 * <p>Tolerance, stock server receiving: the stock server closes its data sockets when TEST_END
 * arrives, so whatever was still in flight (our socket's send queue and its receive queue) is
 * never counted. That tail is at most one send buffer plus one receive buffer per stream, the
 * kernel's {@code tcp_wmem} and {@code tcp_rmem} maxima, so {@code 0 <= sent - received <= P ×
 * (wmem + rmem)}. The other way round (stock server sending), the stock server closes gracefully
 * and we read to the end of each stream, so the counts agree exactly; so do our client and our
 * server, which both drain.
 */
class IperfClientIT {

    static final RecordingListener listener = new RecordingListener();
    static IperfServer ours;

    @BeforeAll
    static void startServer() {
        ours = IperfServer.start(TestSettings.loopback(), listener, new SimpleMeterRegistry());
    }

    @AfterAll
    static void stopServer() {
        ours.close();
    }

    @Test
    void tcpUploadToStockServer() throws Exception {
        try (StockIperf3Server stock = StockIperf3Server.start()) {
            List<IperfClientResult.Interval> ticks = new CopyOnWriteArrayList<>();
            IperfClientResult result = IperfClient.run(IperfClientRequest.tcp(stock.socketAddress(), 2), ticks::add);
            JsonNode server = stock.result();

            long received = StockIperf3Server.end(server, "sum_received", "bytes");
            assertThat(result.uploadReceivedBytes()).isPositive().isEqualTo(received);
            assertThat(result.uploadSentBytes() - received).isBetween(0L, inFlightBound(1));
            assertThat(result.seconds()).isCloseTo(2.0, within(0.3));
            if (TcpInfoReader.available()) {
                // Our own TCP_INFO: per interval, adding up to the total we report.
                assertThat(result.retransmits()).isNotNegative();
                assertThat(result.intervals()).allSatisfy(interval -> {
                    assertThat(interval.sndCwnd()).isPositive();
                    assertThat(interval.rtt()).isPositive();
                    assertThat(interval.rttvar()).isNotNegative();
                    // Loopback's MTU is 64 KiB; both streams share it.
                    assertThat(interval.pmtu()).isGreaterThanOrEqualTo(1280L);
                });
                // And over the test, as iperf3's end-of-test sender figures.
                TcpSummary tcp = result.uploadTcp();
                assertThat(tcp).isNotNull();
                assertThat(tcp.retransmits()).isEqualTo(result.retransmits());
                assertThat(tcp.maxSndCwnd()).isPositive();
                assertThat(tcp.minRtt()).isPositive().isLessThanOrEqualTo(tcp.meanRtt());
                assertThat(tcp.meanRtt()).isLessThanOrEqualTo(tcp.maxRtt());
                assertThat(tcp.pmtu()).isEqualTo(result.intervals().getLast().pmtu());
                assertThat(result.intervals().stream()
                                .mapToLong(IperfClientResult.Interval::retransmits)
                                .sum())
                        .isEqualTo(result.retransmits());
            } else {
                assertThat(result.retransmits()).isEqualTo(-1);
            }
            // One tick per second while the test ran; the intervals in the result add up to the
            // total (a last sliver shorter than 0.1 s joins the interval before it).
            assertThat(ticks).isNotEmpty();
            assertThat(ticks.getFirst().index()).isZero();
            assertThat(result.intervals()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(result.intervals().stream()
                            .mapToLong(IperfClientResult.Interval::uploadBytes)
                            .sum())
                    .isEqualTo(result.uploadSentBytes());
        }
    }

    @Test
    void reverseFromStockServerCountsExactlyWhatItSent() throws Exception {
        try (StockIperf3Server stock = StockIperf3Server.start()) {
            IperfClientResult result = IperfClient.run(
                    IperfClientRequest.tcp(stock.socketAddress(), 2).withDirection(IperfDirection.REVERSE), i -> {});
            JsonNode server = stock.result();

            long sent = StockIperf3Server.end(server, "sum_sent", "bytes");
            assertThat(result.downloadSentBytes()).isPositive().isEqualTo(sent);
            assertThat(result.downloadReceivedBytes()).isEqualTo(sent);
            assertThat(result.uploadSentBytes()).isZero();
            // Stock iperf3 reads its senders' retransmits from TCP_INFO.
            assertThat(result.serverSenderHasRetransmits()).isEqualTo(1);
            assertThat(result.retransmits()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void bidirectionalWithStockServer() throws Exception {
        try (StockIperf3Server stock = StockIperf3Server.start()) {
            IperfClientResult result = IperfClient.run(
                    IperfClientRequest.tcp(stock.socketAddress(), 2).withDirection(IperfDirection.BIDIRECTIONAL),
                    i -> {});
            JsonNode server = stock.result();

            assertThat(result.streams())
                    .extracting(IperfClientResult.Stream::id, IperfClientResult.Stream::clientSends)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1, true),
                            org.assertj.core.groups.Tuple.tuple(3, false));
            long serverReceived = StockIperf3Server.end(server, "sum_received", "bytes");
            long serverSent = StockIperf3Server.end(server, "sum_sent_bidir_reverse", "bytes");
            assertThat(result.uploadReceivedBytes()).isPositive().isEqualTo(serverReceived);
            assertThat(result.uploadSentBytes() - serverReceived).isBetween(0L, inFlightBound(1));
            assertThat(result.downloadSentBytes()).isPositive().isEqualTo(serverSent);
            assertThat(result.downloadReceivedBytes()).isEqualTo(serverSent);
        }
    }

    @Test
    void fourParallelStreamsToStockServer() throws Exception {
        try (StockIperf3Server stock = StockIperf3Server.start()) {
            IperfClientResult result = IperfClient.run(
                    IperfClientRequest.tcp(stock.socketAddress(), 2).withParallel(4), i -> {});
            JsonNode server = stock.result();

            assertThat(result.streams())
                    .extracting(IperfClientResult.Stream::id)
                    .containsExactly(1, 3, 4, 5);
            long received = StockIperf3Server.end(server, "sum_received", "bytes");
            assertThat(result.uploadReceivedBytes()).isEqualTo(received);
            assertThat(result.uploadSentBytes() - received).isBetween(0L, inFlightBound(4));
            assertThat(result.streams())
                    .allSatisfy(stream -> assertThat(stream.sentBytes()).isPositive());
        }
    }

    @Test
    void byteCountToStockServerSendsExactlyThatMany() throws Exception {
        try (StockIperf3Server stock = StockIperf3Server.start()) {
            IperfClientResult result = IperfClient.run(
                    IperfClientRequest.tcp(stock.socketAddress(), 10).withBytes(50L * 1024 * 1024), i -> {});
            JsonNode server = stock.result();

            assertThat(result.uploadSentBytes()).isEqualTo(50L * 1024 * 1024);
            // The last block is written before TEST_END, but may still be in flight when the
            // stock server closes its socket: the same tail bound as for a timed test.
            long received = StockIperf3Server.end(server, "sum_received", "bytes");
            assertThat(result.uploadReceivedBytes()).isEqualTo(received);
            assertThat(50L * 1024 * 1024 - received).isBetween(0L, inFlightBound(1));
        }
    }

    @Test
    void udpUploadToStockServerAccountsForEveryDatagram() throws Exception {
        try (StockIperf3Server stock = StockIperf3Server.start()) {
            IperfClientResult result = IperfClient.run(
                    IperfClientRequest.tcp(stock.socketAddress(), 2).udp(1400, 200_000_000, false), i -> {});
            JsonNode server = stock.result();

            long serverPackets = StockIperf3Server.end(server, "sum_received", "packets");
            long serverLost = StockIperf3Server.end(server, "sum_received", "lost_packets");
            assertThat(result.sentPackets()).isPositive();
            assertThat(result.uploadSentBytes()).isEqualTo(result.sentPackets() * 1400);
            assertThat(result.uploadReceivedBytes()).isEqualTo(StockIperf3Server.end(server, "sum_received", "bytes"));
            // Datagrams that arrived plus those reported lost account for every one sent.
            long arrived = result.uploadReceivedBytes() / 1400;
            assertThat(arrived + result.lostPackets()).isEqualTo(result.sentPackets());
            assertThat(result.lostPackets()).isGreaterThanOrEqualTo(serverLost);
            assertThat(serverPackets).isLessThanOrEqualTo(result.sentPackets());
            System.out.printf(
                    "UDP -b 200M to stock: %.1f Mbit/s received, %d of %d lost%n",
                    result.uploadBitsPerSecond() / 1e6, result.lostPackets(), result.sentPackets());
        }
    }

    @Test
    void udpReverseFromStockServer() throws Exception {
        try (StockIperf3Server stock = StockIperf3Server.start()) {
            IperfClientResult result = IperfClient.run(
                    IperfClientRequest.tcp(stock.socketAddress(), 2)
                            .withDirection(IperfDirection.REVERSE)
                            .udp(1400, 100_000_000, true),
                    i -> {});
            JsonNode server = stock.result();

            long sentPackets = StockIperf3Server.end(server, "sum_sent", "packets");
            assertThat(result.sentPackets()).isPositive().isEqualTo(sentPackets);
            assertThat(result.downloadSentBytes()).isEqualTo(StockIperf3Server.end(server, "sum_sent", "bytes"));
            assertThat(result.downloadReceivedBytes() / 1400 + result.lostPackets())
                    .isEqualTo(sentPackets);
            assertThat(result.jitterSeconds()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void ourServerAndOurClientAgreeExactly() throws Exception {
        int before = listener.finished.size();
        IperfClientResult result = IperfClient.run(
                IperfClientRequest.tcp(new InetSocketAddress("127.0.0.1", ours.localPort()), 2)
                        .withParallel(2)
                        .withDirection(IperfDirection.BIDIRECTIONAL),
                i -> {});
        IperfTestResult server = listener.awaitResult(before + 1);

        assertThat(result.uploadSentBytes()).isPositive().isEqualTo(result.uploadReceivedBytes());
        assertThat(server.receivedBytes()).isEqualTo(result.uploadSentBytes());
        assertThat(result.downloadSentBytes()).isPositive().isEqualTo(result.downloadReceivedBytes());
        assertThat(server.sentBytes()).isEqualTo(result.downloadReceivedBytes());
    }

    @Test
    void udpWithOurServerLosesNothingOnLoopback() throws Exception {
        IperfClientResult result = IperfClient.run(
                IperfClientRequest.tcp(new InetSocketAddress("127.0.0.1", ours.localPort()), 2)
                        .udp(1400, 50_000_000, true),
                i -> {});

        assertThat(result.sentPackets()).isPositive();
        assertThat(result.uploadReceivedBytes() / 1400 + result.lostPackets()).isEqualTo(result.sentPackets());
    }

    /** Per stream, the most a stock receiver can leave uncounted at TEST_END: see the class comment. */
    static long inFlightBound(int streams) throws IOException {
        return streams * (maxBuffer("tcp_wmem") + maxBuffer("tcp_rmem"));
    }

    private static long maxBuffer(String name) throws IOException {
        // procfs files claim a size of 0, so read a line rather than "the whole file".
        String line;
        try (var in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4", name))) {
            line = in.readLine();
        }
        String[] values = line.trim().split("\\s+");
        return Long.parseLong(values[2]);
    }
}
