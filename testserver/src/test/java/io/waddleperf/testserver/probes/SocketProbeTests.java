package io.waddleperf.testserver.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddleperf.protocol.InvalidProbeSpec;
import io.waddleperf.protocol.Latency;
import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import io.waddleperf.testserver.echo.UdpEchoServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** TCP connect and UDP echo probes against real sockets on 127.0.0.1. */
class SocketProbeTests {

    @Test
    void tcpConnectMeasuresEveryHandshake() throws Exception {
        // Backlog large enough that 20 un-accepted connects all complete in the kernel.
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var result = (ProbeResult.TcpConnect) TestProbes.run(
                    ProbeType.TCP_CONNECT,
                    "127.0.0.1:" + server.getLocalPort(),
                    "{\"count\": 20, \"intervalMillis\": 0, \"timeoutMillis\": 1000}");

            assertThat(result.attempted()).isEqualTo(20);
            assertThat(result.succeeded()).isEqualTo(20);
            assertThat(result.refused()).isZero();
            Latency rtt = result.rtt();
            assertThat(rtt.samples()).isEqualTo(20);
            assertThat(rtt.min()).isPositive();
            assertThat(rtt.min()).isLessThanOrEqualTo(rtt.p50());
            assertThat(rtt.p50()).isLessThanOrEqualTo(rtt.p95());
            assertThat(rtt.p95()).isLessThanOrEqualTo(rtt.p99());
            assertThat(rtt.p99()).isLessThanOrEqualTo(rtt.max());
        }
    }

    @Test
    void tcpConnectCountsRefusedConnections() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        var result = (ProbeResult.TcpConnect) TestProbes.run(
                ProbeType.TCP_CONNECT, "127.0.0.1:" + closedPort, "{\"count\": 3, \"intervalMillis\": 0}");

        assertThat(result.succeeded()).isZero();
        assertThat(result.refused()).isEqualTo(3);
        assertThat(result.rtt().samples()).isZero();
    }

    @Test
    void udpEchoAgainstOurEchoLosesNothing() throws Exception {
        try (UdpEchoServer echo = UdpEchoServer.start("127.0.0.1", 0)) {
            var result = (ProbeResult.UdpEcho) TestProbes.run(
                    ProbeType.UDP_ECHO,
                    "127.0.0.1:" + echo.localPort(),
                    "{\"count\": 50, \"intervalMillis\": 2, \"packetSize\": 200}");

            assertThat(result.sent()).isEqualTo(50);
            assertThat(result.received()).isEqualTo(50);
            assertThat(result.lost()).isZero();
            assertThat(result.lossPercent()).isZero();
            assertThat(result.duplicates()).isZero();
            assertThat(result.rtt().samples()).isEqualTo(50);
            assertThat(result.rtt().p50())
                    .isPositive()
                    .isLessThanOrEqualTo(result.rtt().p99());
            assertThat(result.jitterMillis()).isNotNegative();
            assertThat(result.packetSize()).isEqualTo(200);
        }
    }

    @Test
    void udpEchoCarriesTheTokenATokenProtectedEchoRequires() throws Exception {
        byte[] token = "s3cret-token".getBytes(StandardCharsets.US_ASCII);
        try (UdpEchoServer echo = UdpEchoServer.start("127.0.0.1", 0, token)) {
            var withToken = (ProbeResult.UdpEcho) TestProbes.run(
                    ProbeType.UDP_ECHO,
                    "127.0.0.1:" + echo.localPort(),
                    "{\"count\": 10, \"intervalMillis\": 1, \"token\": \"s3cret-token\"}");
            var without = (ProbeResult.UdpEcho) TestProbes.run(
                    ProbeType.UDP_ECHO,
                    "127.0.0.1:" + echo.localPort(),
                    "{\"count\": 5, \"intervalMillis\": 1, \"timeoutMillis\": 200}");

            assertThat(withToken.received()).isEqualTo(10);
            assertThat(without.received()).isZero();
            assertThat(without.lossPercent()).isEqualTo(100.0);
        }
    }

    @Test
    void udpEchoReportsTotalLossAgainstASilentPort() throws Exception {
        // Bound but never answering, so there is no ICMP unreachable either: pure loss.
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            var result = (ProbeResult.UdpEcho) TestProbes.run(
                    ProbeType.UDP_ECHO,
                    "127.0.0.1:" + silent.getLocalPort(),
                    "{\"count\": 5, \"intervalMillis\": 1, \"timeoutMillis\": 200}");

            assertThat(result.sent()).isEqualTo(5);
            assertThat(result.lost()).isEqualTo(5);
            assertThat(result.rtt().samples()).isZero();
        }
    }

    @Test
    void refusesLoopbackTargetsByNameWhenLoopbackIsNotAllowed() {
        Probe probe = TestProbes.strict().prepare(ProbeType.TCP_CONNECT, "localhost:22", null);

        assertThatThrownBy(probe::run).isInstanceOf(TargetRefused.class).hasMessageContaining("loopback");
    }

    @Test
    void reportsEveryInvalidParameterAtOnce() {
        assertThatThrownBy(() -> TestProbes.loopbackAllowed()
                        .prepare(
                                ProbeType.UDP_ECHO,
                                "127.0.0.1:99999",
                                TestProbes.params("{\"count\": 0, \"packetSize\": 9001, \"bogus\": 1}")))
                .isInstanceOf(InvalidProbeSpec.class)
                .extracting(e -> ((InvalidProbeSpec) e).violations())
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .extracting("field")
                .containsExactlyInAnyOrder("params.bogus", "params.count", "params.packetSize", "target");
        assertThatThrownBy(() -> TestProbes.loopbackAllowed()
                        .prepare(
                                ProbeType.UDP_ECHO,
                                "127.0.0.1:2000",
                                TestProbes.params("{\"count\": 0, \"packetSize\": 9001, \"intervalMillis\": 1000}")))
                .isInstanceOf(InvalidProbeSpec.class)
                .extracting(e -> ((InvalidProbeSpec) e).violations())
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .extracting("field")
                .containsExactlyInAnyOrder("params.count", "params.packetSize");
    }
}
