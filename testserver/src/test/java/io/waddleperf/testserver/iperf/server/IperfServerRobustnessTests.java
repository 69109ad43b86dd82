package io.waddleperf.testserver.iperf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waddleperf.testserver.iperf.RecordingListener;
import io.waddleperf.testserver.iperf.TestSettings;
import io.waddleperf.testserver.iperf.Wire;
import io.waddleperf.testserver.iperf.server.IperfTestResult.Outcome;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile, broken and abandoned peers. Each case must end with the connection closed by the
 * server and, checked after every test, no thread, descriptor, buffer or watchdog entry left.
 */
class IperfServerRobustnessTests {

    private static final Duration IDLE = Duration.ofSeconds(1);
    private static final String TCP_PARAMETERS =
            "{\"tcp\":true,\"omit\":0,\"time\":10,\"num\":0,\"blockcount\":0,\"parallel\":%d,\"len\":131072,"
                    + "\"pacing_timer\":1000,\"client_version\":\"3.12\"%s}";

    static final RecordingListener listener = new RecordingListener();
    static final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    static IperfServer server;

    private int resultsBefore;
    private int threadsBefore;
    private long descriptorsBefore;

    @BeforeAll
    static void startServer() throws IOException {
        server = IperfServer.start(TestSettings.settings(4, 4, IDLE, List.of()), listener, meters);
        // One complete test first, so lazily started JVM machinery is not mistaken for a leak.
        completeATest();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void countResources() throws IOException {
        resultsBefore = listener.finished.size();
        threadsBefore = threads();
        descriptorsBefore = descriptors();
    }

    @AfterEach
    void nothingIsLeftBehind() {
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(server.activeTests()).as("active tests").isZero();
            assertThat(server.buffers().outstanding()).as("buffers handed out").isZero();
            assertThat(server.watchdog().watched()).as("connections watched").isZero();
            // Fewer is fine: threads of earlier tests may end meanwhile; a leak only ever adds.
            assertThat(threads()).as("live threads").isLessThanOrEqualTo(threadsBefore);
            assertThat(descriptors()).as("open descriptors").isLessThanOrEqualTo(descriptorsBefore);
        });
    }

    @Test
    void aCompleteHandDrivenTestLeavesNothingBehind() throws IOException {
        IperfTestResult result = completeATest();

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
    }

    @Test
    void garbageInsteadOfACookieIsClosed() throws IOException {
        double before = rejected("malformed");
        try (RawClient client = RawClient.connect(server.localPort())) {
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n0123456789".getBytes(StandardCharsets.US_ASCII));

            client.assertClosedByServer();
        }
        assertThat(rejected("malformed")).isEqualTo(before + 1);
    }

    @Test
    void aClientThatConnectsAndNeverSendsIsClosedAfterTheIdleTimeout() throws IOException {
        double before = rejected("timeout");
        try (RawClient client = RawClient.connect(server.localPort())) {
            client.assertClosedByServer();
        }
        assertThat(rejected("timeout")).isEqualTo(before + 1);
    }

    @Test
    void aCookieThatStopsHalfwayIsClosedAfterTheIdleTimeout() throws IOException {
        try (RawClient client = RawClient.connect(server.localPort())) {
            client.send(RawClient.newCookie().substring(0, 20).getBytes(StandardCharsets.US_ASCII));

            client.assertClosedByServer();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x8000_0000, 0xffff_ffff, 0x7fff_ffff, 0, 8193})
    void aParameterLengthOutsideTheLimitIsRefusedWithoutReadingIt(int length) throws IOException {
        try (RawClient client = handshake()) {
            client.sendLength(length);

            client.assertServerError(Wire.IERECVPARAMS);
        }
        assertThat(nextResult().failure()).contains("JSON length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"tcp\":tru", "[1,2,3]", "\"tcp\"", "{\"time\":\"ten\"}", "{\"a\":1,\"a\":2}", "{}{}"})
    void invalidParameterJsonIsRefused(String json) throws IOException {
        try (RawClient client = handshake()) {
            client.sendJson(json);

            client.assertServerError(Wire.IERECVPARAMS);
        }
    }

    @Test
    void parametersOutsideIperf3sLimitsGetIperf3sOwnErrors() throws IOException {
        try (RawClient client = handshake()) {
            client.sendJson("{\"tcp\":true,\"time\":100000,\"parallel\":1}");
            client.assertServerError(Wire.IEDURATION);
        }
        try (RawClient client = handshake()) {
            client.sendJson("{\"tcp\":true,\"time\":1,\"parallel\":129}");
            client.assertServerError(Wire.IENUMSTREAMS);
        }
        try (RawClient client = handshake()) {
            client.sendJson("{\"sctp\":true,\"time\":1}");
            client.assertServerError(Wire.IENOSCTP);
        }
    }

    @Test
    void aParameterMessageThatStopsHalfwayIsClosedAfterTheIdleTimeout() throws IOException {
        try (RawClient client = handshake()) {
            client.sendLength(100).send("{\"tcp\":true,".getBytes(StandardCharsets.US_ASCII));

            client.assertClosedByServer();
        }
        assertThat(nextResult().failure()).contains("timed out waiting for the parameters");
    }

    @Test
    void aParameterMessageTrickledByteByByteIsStillBoundedByTheIdleTimeout() throws IOException {
        try (RawClient client = handshake()) {
            client.sendLength(4000);
            // One byte per poll keeps the connection busy, but the deadline covers the whole message.
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        try {
                            client.send((byte) ' ');
                            return false;
                        } catch (IOException closed) {
                            return true;
                        }
                    });
        }
    }

    @Test
    void aDataStreamWithAnUnknownCookieIsTakenForANewTestAndItsDataForGarbage() throws IOException {
        try (RawClient control = startTcpTest(1, "");
                RawClient stranger = RawClient.connect(server.localPort())) {
            stranger.sendCookie(RawClient.newCookie());
            assertThat(stranger.readState()).isEqualTo(Wire.PARAM_EXCHANGE);
            // What a data stream would send next: payload, read as a JSON length of 2+ GB.
            stranger.send(new byte[] {(byte) 0xa7, 0x13, 0x55, 0x01, 0x02, 0x03});
            stranger.assertServerError(Wire.IERECVPARAMS);

            // The real test never got its stream and gives up after the idle timeout.
            control.assertClosedByServer();
        }
    }

    @Test
    void aDataStreamTheTestDoesNotExpectIsDenied() throws IOException {
        String cookie = RawClient.newCookie();
        try (RawClient control = startTcpTest(cookie, 1, "");
                RawClient stream = RawClient.connect(server.localPort())) {
            stream.sendCookie(cookie);
            assertThat(control.readState()).isEqualTo(Wire.TEST_START);
            assertThat(control.readState()).isEqualTo(Wire.TEST_RUNNING);
            try (RawClient extra = RawClient.connect(server.localPort())) {
                extra.sendCookie(cookie);

                assertThat(extra.readState()).isEqualTo(Wire.ACCESS_DENIED);
                extra.assertClosedByServer();
            }
            control.send(Wire.CLIENT_TERMINATE);
            control.assertClosedByServer();
            stream.assertClosedByServer();
        }
        assertThat(nextResult().outcome()).isEqualTo(Outcome.TERMINATED);
    }

    @Test
    void aTestWhoseStreamsNeverAllConnectIsClosedAfterTheIdleTimeout() throws IOException {
        String cookie = RawClient.newCookie();
        try (RawClient control = startTcpTest(cookie, 2, "");
                RawClient onlyStream = RawClient.connect(server.localPort())) {
            onlyStream.sendCookie(cookie);

            control.assertClosedByServer();
            onlyStream.assertClosedByServer();
        }
        assertThat(nextResult().failure()).contains("only 1 of 2 data streams connected");
    }

    @Test
    void aClientThatStopsReadingItsStreamIsClosedAfterTheIdleTimeout() throws IOException {
        String cookie = RawClient.newCookie();
        try (RawClient control = startTcpTest(cookie, 1, ",\"reverse\":true");
                RawClient stream = RawClient.connect(server.localPort())) {
            stream.socket.setReceiveBufferSize(64 * 1024);
            stream.sendCookie(cookie);
            assertThat(control.readState()).isEqualTo(Wire.TEST_START);
            assertThat(control.readState()).isEqualTo(Wire.TEST_RUNNING);

            // Never reading the stream: the server's socket buffer fills and its writes block.
            control.assertClosedByServer();
        }
        IperfTestResult result = nextResult();
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.failure()).contains("no progress sending data");
    }

    @Test
    void aControlConnectionHalfClosedDuringTheTestEndsIt() throws IOException {
        String cookie = RawClient.newCookie();
        try (RawClient control = startTcpTest(cookie, 1, "");
                RawClient stream = RawClient.connect(server.localPort())) {
            stream.sendCookie(cookie);
            assertThat(control.readState()).isEqualTo(Wire.TEST_START);
            assertThat(control.readState()).isEqualTo(Wire.TEST_RUNNING);
            stream.send(new byte[32 * 1024]);

            control.shutdownOutput();

            control.assertClosedByServer();
            stream.assertClosedByServer();
        }
        assertThat(nextResult().failure()).contains("control connection closed");
    }

    @Test
    void aStreamThatGoesSilentDuringTheTestEndsIt() throws IOException {
        String cookie = RawClient.newCookie();
        try (RawClient control = startTcpTest(cookie, 1, "");
                RawClient stream = RawClient.connect(server.localPort())) {
            stream.sendCookie(cookie);
            assertThat(control.readState()).isEqualTo(Wire.TEST_START);
            assertThat(control.readState()).isEqualTo(Wire.TEST_RUNNING);
            stream.send(new byte[32 * 1024]);

            control.assertClosedByServer();
            stream.assertClosedByServer();
        }
        assertThat(nextResult().failure()).contains("no progress receiving data");
    }

    @Test
    void aClientThatClosesItsStreamsButNeverEndsTheTestIsClosedAfterTheIdleTimeout() throws IOException {
        String cookie = RawClient.newCookie();
        try (RawClient control = startTcpTest(cookie, 1, "")) {
            try (RawClient stream = RawClient.connect(server.localPort())) {
                stream.sendCookie(cookie);
                assertThat(control.readState()).isEqualTo(Wire.TEST_START);
                assertThat(control.readState()).isEqualTo(Wire.TEST_RUNNING);
                stream.send(new byte[32 * 1024]);
            }

            // The test asked for 10 s, but with every stream gone only TEST_END could follow.
            control.assertClosedByServer();
        }
        assertThat(nextResult().failure()).contains("waiting for TEST_END after every stream ended");
    }

    @Test
    void resultsThatLieAboutTheirSizeOrStreamsAreRefused() throws IOException {
        String cookie = RawClient.newCookie();
        try (RawClient control = startTcpTest(cookie, 1, "");
                RawClient stream = RawClient.connect(server.localPort())) {
            stream.sendCookie(cookie);
            assertThat(control.readState()).isEqualTo(Wire.TEST_START);
            assertThat(control.readState()).isEqualTo(Wire.TEST_RUNNING);
            control.send(Wire.TEST_END);
            assertThat(control.readState()).isEqualTo(Wire.EXCHANGE_RESULTS);

            control.sendJson("{\"cpu_util_total\":1,\"cpu_util_user\":1,\"cpu_util_system\":0,"
                    + "\"sender_has_retransmits\":0,\"streams\":[{\"id\":99,\"bytes\":1,\"retransmits\":0,"
                    + "\"jitter\":0,\"errors\":0,\"packets\":0}]}");

            control.assertServerError(Wire.IESTREAMID);
            stream.assertClosedByServer();
        }
    }

    @Test
    void strayUdpDatagramsAreIgnored() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[][] junk = {{0x39, 0x38, 0x37, 0x36}, {1, 2, 3}, new byte[1400]};
            for (byte[] datagram : junk) {
                socket.send(new DatagramPacket(
                        datagram, datagram.length, InetAddress.getLoopbackAddress(), server.localPort()));
            }
        }
        assertThat(completeATest().outcome()).isEqualTo(Outcome.COMPLETED);
    }

    /** Runs a one-stream TCP test by hand from cookie to IPERF_DONE, checking each server message. */
    private static IperfTestResult completeATest() throws IOException {
        int before = listener.finished.size();
        String cookie = RawClient.newCookie();
        try (RawClient control = startTcpTest(cookie, 1, "");
                RawClient stream = RawClient.connect(server.localPort())) {
            stream.sendCookie(cookie);
            assertThat(control.readState()).isEqualTo(Wire.TEST_START);
            assertThat(control.readState()).isEqualTo(Wire.TEST_RUNNING);
            stream.send(new byte[100_000]);
            control.send(Wire.TEST_END);
            assertThat(control.readState()).isEqualTo(Wire.EXCHANGE_RESULTS);
            control.sendJson("{\"cpu_util_total\":1,\"cpu_util_user\":1,\"cpu_util_system\":0,"
                    + "\"sender_has_retransmits\":18446744073709551615,\"streams\":[{\"id\":1,\"bytes\":100000,"
                    + "\"retransmits\":18446744073709551615,\"jitter\":0,\"errors\":0,\"packets\":0,"
                    + "\"start_time\":0,\"end_time\":1}]}");
            assertThat(control.readJson()).contains("\"id\":1,\"bytes\":100000");
            assertThat(control.readState()).isEqualTo(Wire.DISPLAY_RESULTS);
            control.send(Wire.IPERF_DONE);
            control.assertClosedByServer();
        }
        return listener.awaitResult(before + 1);
    }

    private IperfTestResult nextResult() {
        return listener.awaitResult(resultsBefore + 1);
    }

    private static RawClient handshake() throws IOException {
        RawClient client = RawClient.connect(server.localPort());
        client.sendCookie(RawClient.newCookie());
        assertThat(client.readState()).isEqualTo(Wire.PARAM_EXCHANGE);
        return client;
    }

    private static RawClient startTcpTest(int parallel, String extra) throws IOException {
        return startTcpTest(RawClient.newCookie(), parallel, extra);
    }

    private static RawClient startTcpTest(String cookie, int parallel, String extra) throws IOException {
        RawClient control = RawClient.connect(server.localPort());
        control.sendCookie(cookie);
        assertThat(control.readState()).isEqualTo(Wire.PARAM_EXCHANGE);
        control.sendJson(TCP_PARAMETERS.formatted(parallel, extra));
        assertThat(control.readState()).isEqualTo(Wire.CREATE_STREAMS);
        return control;
    }

    private static double rejected(String reason) {
        return meters.get("waddleperf.iperf.rejected.connections")
                .tag("reason", reason)
                .counter()
                .count();
    }

    private static int threads() {
        return Thread.getAllStackTraces().size();
    }

    private static long descriptors() throws IOException {
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            return open.count();
        }
    }
}
