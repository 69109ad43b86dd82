package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pcap reading and RFC 3550 arithmetic behind the jitter ground truth, on a file made by hand. */
class CapturedJitterTests {

    private static final int PORT = 5201;

    @TempDir
    Path directory;

    /**
     * Sent at 0, 1 and 2 ms, arriving 0.5 ms late, then 0.3 ms early relative to the one before:
     * D is 0.5 and 0.3 ms, so J = 0.5/16 = 0.03125 ms, then 0.03125 + (0.3 − 0.03125)/16 =
     * 0.048046875 ms. The hello and a datagram to another port do not count.
     */
    @Test
    void appliesRfc3550ToTheStreamsDatagramsInCaptureOrder() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(globalHeader());
        file.write(record(9, 999_000_000, PORT, hello()));
        file.write(record(10, 0, PORT, iperfHeader(0, 0, 1)));
        file.write(record(10, 100_000, PORT + 1, iperfHeader(0, 500, 9)));
        file.write(record(10, 1_500_000, PORT, iperfHeader(0, 1_000, 2)));
        file.write(record(10, 2_200_000, PORT, iperfHeader(0, 2_000, 3)));
        Path pcap = directory.resolve("hand.pcap");
        Files.write(pcap, file.toByteArray());

        CapturedJitter all = CapturedJitter.of(pcap, PORT, Long.MAX_VALUE);
        assertThat(all.datagrams()).isEqualTo(3);
        assertThat(all.jitterSeconds()).isCloseTo(0.048046875e-3, within(1e-12));

        CapturedJitter firstTwo = CapturedJitter.of(pcap, PORT, 2);
        assertThat(firstTwo.datagrams()).isEqualTo(2);
        assertThat(firstTwo.jitterSeconds()).isCloseTo(0.03125e-3, within(1e-12));
    }

    /** Little-endian, nanosecond timestamps, Ethernet: what tcpdump writes on x86 with nano precision. */
    private static byte[] globalHeader() {
        return ByteBuffer.allocate(24)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0xa1b23c4d)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(64)
                .putInt(1)
                .array();
    }

    /** One frame: Ethernet, a 20-byte IPv4 header, UDP to {@code port}, the payload. */
    private static byte[] record(long seconds, long nanos, int port, byte[] payload) {
        int udpLength = 8 + payload.length;
        ByteBuffer frame = ByteBuffer.allocate(14 + 20 + udpLength).order(ByteOrder.BIG_ENDIAN);
        frame.position(12).putShort((short) 0x0800);
        frame.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udpLength)).putInt(0);
        frame.put((byte) 64)
                .put((byte) 17)
                .putShort((short) 0)
                .putInt(0x0a000002)
                .putInt(0x0a000001);
        frame.putShort((short) 40000)
                .putShort((short) port)
                .putShort((short) udpLength)
                .putShort((short) 0);
        frame.put(payload);
        byte[] bytes = frame.array();
        return ByteBuffer.allocate(16 + bytes.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) seconds)
                .putInt((int) nanos)
                .putInt(bytes.length)
                .putInt(bytes.length)
                .put(bytes)
                .array();
    }

    private static byte[] iperfHeader(int seconds, int micros, int sequence) {
        return ByteBuffer.allocate(1400)
                .putInt(seconds)
                .putInt(micros)
                .putInt(sequence)
                .array();
    }

    private static byte[] hello() {
        return new byte[] {0x39, 0x38, 0x37, 0x36};
    }
}
