package io.waddleperf.testserver.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UdpEchoServerTests {

    @Test
    void echoesEveryDatagramUnchangedToItsSender() throws Exception {
        try (UdpEchoServer server = UdpEchoServer.start("127.0.0.1", 0);
                DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(2000);
            for (int seq = 1; seq <= 100; seq++) {
                byte[] payload = payload(seq, 64 + seq * 13);
                client.send(new DatagramPacket(
                        payload, payload.length, InetAddress.getLoopbackAddress(), server.localPort()));

                DatagramPacket reply = new DatagramPacket(new byte[65_535], 65_535);
                client.receive(reply);

                assertThat(Arrays.copyOf(reply.getData(), reply.getLength())).isEqualTo(payload);
                assertThat(reply.getPort()).isEqualTo(server.localPort());
            }
            // The reply can reach us before the server thread has counted it.
            await().atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(server.echoed()).isEqualTo(100));
        }
    }

    @Test
    void echoesTheLargestDatagram() throws Exception {
        try (UdpEchoServer server = UdpEchoServer.start("127.0.0.1", 0);
                DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(2000);
            byte[] payload = payload(7, 65_507);
            client.send(
                    new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), server.localPort()));

            DatagramPacket reply = new DatagramPacket(new byte[65_535], 65_535);
            client.receive(reply);

            assertThat(reply.getLength()).isEqualTo(65_507);
            assertThat(Arrays.copyOf(reply.getData(), reply.getLength())).isEqualTo(payload);
        }
    }

    @Test
    void closeStopsTheLoopAndFreesThePort() throws Exception {
        UdpEchoServer server = UdpEchoServer.start("127.0.0.1", 0);
        int port = server.localPort();

        server.close();

        try (DatagramSocket rebound = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .doesNotContain("udp-echo");
    }

    @Test
    void withATokenEchoesOnlyDatagramsThatStartWithIt() throws Exception {
        byte[] token = "node-secret-1".getBytes(StandardCharsets.US_ASCII);
        try (UdpEchoServer server = UdpEchoServer.start("127.0.0.1", 0, token);
                DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(2000);
            byte[] wrong = "node-secret-2 and more".getBytes(StandardCharsets.US_ASCII);
            byte[] tooShort = "node".getBytes(StandardCharsets.US_ASCII);
            byte[] good = "node-secret-1 payload".getBytes(StandardCharsets.US_ASCII);
            for (byte[] datagram : new byte[][] {wrong, tooShort, good}) {
                client.send(new DatagramPacket(
                        datagram, datagram.length, InetAddress.getLoopbackAddress(), server.localPort()));
            }

            // Datagrams on loopback keep their order, so the first reply shows the two before it
            // were dropped rather than answered.
            DatagramPacket reply = new DatagramPacket(new byte[64], 64);
            client.receive(reply);

            assertThat(Arrays.copyOf(reply.getData(), reply.getLength())).isEqualTo(good);
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(server.dropped()).isEqualTo(2);
                assertThat(server.echoed()).isEqualTo(1);
            });
        }
    }

    private static byte[] payload(int seq, int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(seq);
        while (buffer.hasRemaining()) {
            buffer.put((byte) (buffer.position() * 31 + seq));
        }
        return buffer.array();
    }
}
