package io.waddleperf.testserver.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waddleperf.protocol.ProbeContracts;
import io.waddleperf.protocol.ProbeParams;
import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import io.waddleperf.testserver.echo.UdpEchoServer;
import io.waddleperf.testserver.iperf.server.IperfListener;
import io.waddleperf.testserver.iperf.server.IperfProperties;
import io.waddleperf.testserver.iperf.server.IperfServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * A throughput run with capture against the node's own iperf3 server and UDP echo on loopback,
 * recorded by the real tcpdump: the file has the test's handshake, nothing of other traffic on
 * the same address, and headers only.
 */
class PacketCaptureIT {

    private static final Pattern PORTS = Pattern.compile(" IP6? \\S+?\\.(\\d+) > \\S+?\\.(\\d+):");

    static IperfServer iperf;
    static UdpEchoServer echo;

    @BeforeAll
    static void startServers() {
        iperf = IperfServer.start(
                new IperfProperties(
                        true,
                        0,
                        "127.0.0.1",
                        2,
                        2,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(300),
                        DataSize.ofKilobytes(8),
                        List.of()),
                IperfListener.NONE,
                new SimpleMeterRegistry());
        echo = UdpEchoServer.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopServers() {
        iperf.close();
        echo.close();
    }

    private static ThroughputProbe probe(PacketCapture capture, boolean wanted) {
        ProbeParams.Throughput params = (ProbeParams.Throughput) ProbeContracts.of(ProbeType.THROUGHPUT)
                .params(Map.of("durationSeconds", 1, "echoPort", echo.localPort(), "capture", wanted));
        return new ThroughputProbe(
                new io.waddleperf.protocol.HostPort("127.0.0.1", iperf.localPort()),
                params,
                new SsrfGuard(false, true),
                capture,
                null);
    }

    @Test
    void capturesTheHeadersOfTheTestsOwnFlowsOnly() throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "packet capture needs root (or CAP_NET_RAW on tcpdump); this JVM runs as "
                        + System.getProperty("user.name"));
        PacketCapture capture = PacketCapture.detect(new CaptureProperties(true, null, Duration.ofSeconds(5), 400_000));
        assumeTrue(capture.available(), "tcpdump cannot capture here: " + capture.unavailable());
        ThroughputProbe probe = probe(capture, true);

        ProbeResult.Throughput result;
        // Other traffic on the same address, to a port that is not the test's: the filter must drop it.
        try (DatagramSocket noise = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket deaf = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread sender = Thread.ofVirtual().start(() -> {
                byte[] payload = "not the test".getBytes(StandardCharsets.US_ASCII);
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        noise.send(new DatagramPacket(payload, payload.length, deaf.getLocalSocketAddress()));
                        TimeUnit.MILLISECONDS.sleep(20);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                result = (ProbeResult.Throughput) probe.run();
            } finally {
                sender.interrupt();
                sender.join();
            }
        }

        try {
            assertThat(result.captureNote()).isNull();
            assertThat(result.sentBytes()).isPositive();
            Path pcap = probe.artefacts().get(ThroughputProbe.CAPTURE_ARTEFACT);
            assertThat(pcap).isNotNull().isRegularFile();

            byte[] header = new byte[24];
            try (var in = Files.newInputStream(pcap)) {
                assertThat(in.readNBytes(header, 0, 24)).isEqualTo(24);
            }
            ByteBuffer global = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(global.getInt(0)).isEqualTo(0xa1b2c3d4);
            assertThat(global.getInt(16)).as("snaplen").isEqualTo(128);

            Process read = new ProcessBuilder("tcpdump", "-r", pcap.toString(), "-nn")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            List<String> packets = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            assertThat(read.waitFor()).isZero();

            String iperfPort = String.valueOf(iperf.localPort());
            Set<String> testPorts = Set.of(iperfPort, String.valueOf(echo.localPort()));
            assertThat(packets)
                    .as("the handshake of a connection to the iperf3 port")
                    .anyMatch(line -> line.contains("." + iperfPort + ": Flags [S]"));
            assertThat(packets).allSatisfy(line -> {
                Matcher ports = PORTS.matcher(line);
                assertThat(ports.find()).as(line).isTrue();
                assertThat(testPorts.contains(ports.group(1)) || testPorts.contains(ports.group(2)))
                        .as(line)
                        .isTrue();
            });
            assertThat(packets).as("the echo pings").anyMatch(line -> line.contains("." + echo.localPort() + ": UDP"));
        } finally {
            Path pcap = probe.artefacts().get(ThroughputProbe.CAPTURE_ARTEFACT);
            probe.discardArtefacts();
            if (pcap != null) {
                assertThat(pcap).doesNotExist();
                assertThat(pcap.getParent()).doesNotExist();
            }
        }
    }

    @Test
    void aCaptureStopsAtItsPacketLimit() throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "packet capture needs root (or CAP_NET_RAW on tcpdump); this JVM runs as "
                        + System.getProperty("user.name"));
        PacketCapture capture = PacketCapture.detect(new CaptureProperties(true, null, Duration.ofSeconds(5), 10));
        assumeTrue(capture.available(), "tcpdump cannot capture here: " + capture.unavailable());
        ThroughputProbe probe = probe(capture, true);

        ProbeResult.Throughput result = (ProbeResult.Throughput) probe.run();

        try {
            assertThat(result.sentBytes()).isPositive();
            Path pcap = probe.artefacts().get(ThroughputProbe.CAPTURE_ARTEFACT);
            assertThat(pcap).isNotNull();
            Process read = new ProcessBuilder("tcpdump", "-r", pcap.toString(), "-nn")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long packets = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .count();
            assertThat(read.waitFor()).isZero();
            assertThat(packets).isEqualTo(10);
            // The file covers the test's start only, and the result says so.
            assertThat(result.captureNote()).isEqualTo("capture cut short: the first 10 packets only (max-packets)");
        } finally {
            probe.discardArtefacts();
        }
    }

    @Test
    void aNodeThatCannotCaptureSaysWhyAndStillMeasures() throws Exception {
        PacketCapture missing = PacketCapture.detect(
                new CaptureProperties(true, Path.of("/nonexistent/tcpdump"), Duration.ofSeconds(5), 400_000));
        ThroughputProbe probe = probe(missing, true);

        ProbeResult.Throughput result = (ProbeResult.Throughput) probe.run();

        assertThat(missing.available()).isFalse();
        assertThat(result.captureNote()).isEqualTo("capture unavailable: tcpdump not found");
        assertThat(result.sentBytes()).isPositive();
        assertThat(probe.artefacts()).isEmpty();
    }

    @Test
    void aRunThatDoesNotAskForACaptureHasNoNote() throws Exception {
        PacketCapture disabled =
                PacketCapture.detect(new CaptureProperties(false, null, Duration.ofSeconds(5), 400_000));
        ThroughputProbe probe = probe(disabled, false);

        ProbeResult.Throughput result = (ProbeResult.Throughput) probe.run();

        assertThat(result.captureNote()).isNull();
        assertThat(probe.artefacts()).isEmpty();
    }
}
