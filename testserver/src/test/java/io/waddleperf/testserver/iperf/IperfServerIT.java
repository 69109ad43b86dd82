package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waddleperf.testserver.iperf.server.IperfServer;
import io.waddleperf.testserver.iperf.server.IperfStreamResult;
import io.waddleperf.testserver.iperf.server.IperfTestResult;
import io.waddleperf.testserver.iperf.server.IperfTestResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The stock iperf3 3.12 client against our server, one run per option that matters: the client
 * must finish cleanly and its figures must agree with the server's own record of the test.
 */
class IperfServerIT {

    static final RecordingListener listener = new RecordingListener();
    static IperfServer server;

    @BeforeAll
    static void startServer() {
        server = IperfServer.start(TestSettings.loopback(), listener, new SimpleMeterRegistry());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void tcpReceiveCountsExactlyWhatTheClientSent() {
        IperfTestResult result = run("-t", "2");

        assertThat(client.bytes("sum_sent")).isPositive().isEqualTo(result.receivedBytes());
        assertThat(client.bytes("sum_received")).isEqualTo(result.receivedBytes());
        assertThat(result.streams()).singleElement().satisfies(stream -> {
            assertThat(stream.id()).isEqualTo(1);
            assertThat(stream.sender()).isFalse();
            assertThat(stream.peerBytes()).isEqualTo(stream.bytes());
            assertThat(stream.seconds()).isCloseTo(2.0, within(0.3));
        });
        // Per-second accounting adds up to the same total.
        assertThat(result.intervals()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(result.intervals().stream().mapToLong(IperfInterval::bytes).sum())
                .isEqualTo(result.receivedBytes());
        assertThat(listener.intervals)
                .anySatisfy(interval -> assertThat(interval.testId()).isEqualTo(result.testId()));
    }

    @Test
    void reverseSendsAndReportsWhatWasSent() {
        IperfTestResult result = run("-t", "2", "-R");

        assertThat(result.role()).isEqualTo(IperfRole.SENDER);
        assertThat(result.sentBytes()).isPositive();
        assertThat(client.bytes("sum_sent")).isEqualTo(result.sentBytes());
        // The client stops counting at its own TEST_END, so it may miss what was still in flight.
        assertThat(client.bytes("sum_received")).isPositive().isLessThanOrEqualTo(result.sentBytes());
        assertThat(result.streams().getFirst().peerBytes()).isEqualTo(client.bytes("sum_received"));
    }

    @Test
    void bidirectionalReceivesOnTheFirstStreamAndSendsOnTheSecond() {
        IperfTestResult result = run("-t", "2", "--bidir");

        assertThat(result.streams())
                .extracting(IperfStreamResult::id, IperfStreamResult::sender)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, false), org.assertj.core.groups.Tuple.tuple(3, true));
        assertThat(client.bytes("sum_sent")).isPositive().isEqualTo(result.receivedBytes());
        assertThat(client.bytes("sum_received")).isEqualTo(result.receivedBytes());
        assertThat(client.bytes("sum_sent_bidir_reverse")).isPositive().isEqualTo(result.sentBytes());
        assertThat(client.bytes("sum_received_bidir_reverse")).isLessThanOrEqualTo(result.sentBytes());
    }

    @Test
    void parallelStreamsAreNumberedAsIperf3NumbersThem() {
        IperfTestResult result = run("-t", "2", "-P", "4");

        assertThat(result.streams()).extracting(IperfStreamResult::id).containsExactly(1, 3, 4, 5);
        assertThat(client.bytes("sum_sent")).isEqualTo(result.receivedBytes());
        List<Long> clientPerStream = new ArrayList<>();
        for (JsonNode stream : client.end().path("streams")) {
            clientPerStream.add(stream.path("sender").path("bytes").asLong());
        }
        assertThat(result.streams()).extracting(IperfStreamResult::bytes).containsExactlyElementsOf(clientPerStream);
    }

    @Test
    void byteCountEndsTheTestAtExactlyThatMany() {
        IperfTestResult result = run("-n", "100M");

        assertThat(client.bytes("sum_sent")).isEqualTo(100L * 1024 * 1024);
        assertThat(result.receivedBytes()).isEqualTo(100L * 1024 * 1024);
    }

    @Test
    void blockCountEndsTheTestAfterThatManyBlocks() {
        IperfTestResult result = run("-k", "500", "-l", "64K");

        assertThat(client.bytes("sum_sent")).isEqualTo(500L * 64 * 1024);
        assertThat(result.receivedBytes()).isEqualTo(500L * 64 * 1024);
    }

    @Test
    void reverseByteCountSendsExactlyThatMany() {
        // Unpaced, the server writes several blocks per call; the budget is still taken block by block.
        IperfTestResult result = run("-R", "-n", "100M");

        assertThat(result.sentBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(client.bytes("sum_sent")).isEqualTo(100L * 1024 * 1024);
    }

    @Test
    void reverseBlockCountSendsThatManyBlocks() {
        // 500 blocks of 48 KiB do not fill whole multi-block writes: the last write is shorter.
        IperfTestResult result = run("-R", "-k", "500", "-l", "48K");

        assertThat(result.sentBytes()).isEqualTo(500L * 48 * 1024);
        assertThat(client.bytes("sum_sent")).isEqualTo(500L * 48 * 1024);
    }

    @Test
    void omittedSecondIsLeftOutOfTheResults() {
        IperfTestResult result = run("-t", "2", "-O", "1");

        assertThat(client.bytes("sum_received")).isEqualTo(result.receivedBytes());
        // Each side ends its warm-up on its own clock, so the two counts differ by the bytes
        // that crossed the wire between those two moments: a few milliseconds' worth.
        assertThat((double) result.receivedBytes())
                .isCloseTo(client.bytes("sum_sent"), within(0.03 * client.bytes("sum_sent")));
        assertThat(result.streams().getFirst().seconds()).isCloseTo(2.0, within(0.3));
        assertThat(result.intervals().getFirst().omitted()).isTrue();
        assertThat(result.intervals().getLast().omitted()).isFalse();
    }

    @Test
    void udpReceiveCountsEveryDatagramAndItsLoss() {
        IperfTestResult result = run("-u", "-b", "200M", "-t", "2", "-l", "1400");

        IperfStreamResult stream = result.streams().getFirst();
        long senderBytes = client.bytes("sum");
        assertThat(senderBytes).isPositive();
        // Everything the client sent was either counted or counted as lost.
        assertThat(stream.bytes() + stream.lostPackets() * 1400).isEqualTo(senderBytes);
        assertThat(stream.packets())
                .isEqualTo(client.end().path("sum").path("packets").asLong());
        assertThat(client.bytes("sum_received")).isEqualTo(result.receivedBytes());
        assertThat(client.end().path("sum").path("lost_packets").asLong()).isEqualTo(stream.lostPackets());
        // Our jitter as the client printed it, give or take the last digit of a decimal round trip.
        assertThat(client.end().path("sum").path("jitter_ms").asDouble())
                .isCloseTo(stream.jitterSeconds() * 1000, within(1e-9));
        // Our rate is what arrived over the test's length. Not held to the offered 200 Mbit/s: a
        // loaded machine's stock client sends less (CI once saw 153), which is the client's pace.
        double seconds = client.end().path("sum").path("seconds").asDouble();
        assertThat(seconds).isPositive();
        assertThat(stream.bitsPerSecond()).isCloseTo(stream.bytes() * 8.0 / seconds, withinPercentage(10));
    }

    @Test
    void udpReverseSendsPacedDatagrams() {
        IperfTestResult result = run("-u", "-b", "200M", "-t", "2", "-l", "1400", "-R");

        IperfStreamResult stream = result.streams().getFirst();
        assertThat(stream.sender()).isTrue();
        assertThat(client.bytes("sum_sent")).isEqualTo(result.sentBytes());
        assertThat(stream.bitsPerSecond()).isCloseTo(200e6, within(20e6));
        assertThat(client.bytes("sum_received")).isPositive().isLessThanOrEqualTo(result.sentBytes());
        assertThat(client.end().path("sum_sent").path("packets").asLong()).isEqualTo(stream.packets());
        assertThat(client.end().path("sum_received").path("packets").asLong()).isLessThanOrEqualTo(stream.packets());
    }

    @Test
    void udpReverseWithoutARateSendsAsFastAsItCan() {
        IperfTestResult result = run("-u", "-b", "0", "-t", "1", "-l", "1400", "-R");

        // -b 0 leaves the rate out of the parameters; it must not fall back to 1 Mbit/s.
        assertThat(result.streams().getFirst().bitsPerSecond()).isGreaterThan(100e6);
        assertThat(client.bytes("sum_sent")).isEqualTo(result.sentBytes());
    }

    @Test
    void udpWith64BitCountersAndParallelBidirectionalStreams() {
        IperfTestResult result =
                run("-u", "-b", "50M", "-t", "1", "-l", "1460", "-P", "2", "--bidir", "--udp-counters-64bit");

        assertThat(result.streams()).extracting(IperfStreamResult::sender).containsExactly(false, false, true, true);
        assertThat(client.bytes("sum_sent")).isEqualTo(result.receivedBytes() + lost(result) * 1460);
        assertThat(client.bytes("sum_sent_bidir_reverse")).isEqualTo(result.sentBytes());
    }

    private static long lost(IperfTestResult result) {
        return result.streams().stream()
                .filter(s -> !s.sender())
                .mapToLong(IperfStreamResult::lostPackets)
                .sum();
    }

    private StockIperf3.Run client;

    private IperfTestResult run(String... options) {
        int before = listener.finished.size();
        client = StockIperf3.run(server.localPort(), options);
        assertThat(client.exitCode())
                .as("iperf3 exit code; stderr: %s", client.stderr())
                .isZero();
        assertThat(client.error()).isNull();
        IperfTestResult result = listener.awaitResult(before + 1);
        assertThat(result.outcome()).as("failure: %s", result.failure()).isEqualTo(Outcome.COMPLETED);
        return result;
    }
}
