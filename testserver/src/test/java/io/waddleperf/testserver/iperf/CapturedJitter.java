package io.waddleperf.testserver.iperf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The RFC 3550 interarrival jitter of one iperf3 UDP stream, computed from a tcpdump capture on
 * the receiving side: ground truth for the jitter a server reports.
 *
 * <p>Each datagram's arrival is the capture's timestamp (CLOCK_REALTIME, nanoseconds with {@code
 * --time-stamp-precision=nano}); its send time is the iperf3 header's seconds and microseconds
 * (the sender's CLOCK_MONOTONIC). Their difference, the transit, is off by the constant distance
 * between the two clocks, which RFC 3550 A.8 cancels: only differences of consecutive transits
 * enter {@code J += (|D| - J) / 16}. Datagrams count in capture order, which is the order the
 * receiving socket queues them; the first sets the previous transit, as iperf3 does.
 *
 * <p>Reads classic pcap only (what {@code tcpdump -w} writes), either byte order, with Ethernet
 * (a veth) or Linux cooked ({@code -i any}, v1 and v2) link headers, IPv4.
 *
 * @param datagrams iperf3 datagrams of the stream found in the capture
 * @param jitterSeconds J after the last of them, in seconds, as iperf3 reports it
 */
record CapturedJitter(long datagrams, double jitterSeconds) {

    private static final int NANOSECOND_MAGIC = 0xa1b23c4d;
    private static final int MICROSECOND_MAGIC = 0xa1b2c3d4;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_LINUX_SLL = 113;
    private static final int LINKTYPE_LINUX_SLL2 = 276;

    /**
     * The jitter of the first {@code limit} datagrams sent to {@code port} (all of them, if fewer);
     * iperf3's header is 12 bytes or more.
     */
    static CapturedJitter of(Path pcap, int port, long limit) throws IOException {
        byte[] bytes = Files.readAllBytes(pcap);
        // Record headers are in the writer's byte order; the packets themselves in network order.
        ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer wire = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int magic = file.getInt(0);
        if (magic != NANOSECOND_MAGIC && magic != MICROSECOND_MAGIC) {
            file.order(ByteOrder.BIG_ENDIAN);
            magic = file.getInt(0);
        }
        if (magic != NANOSECOND_MAGIC && magic != MICROSECOND_MAGIC) {
            throw new IOException("not a pcap file: magic " + Integer.toHexString(magic));
        }
        long fractionNanos = magic == NANOSECOND_MAGIC ? 1 : 1_000;
        int linkType = file.getInt(20) & 0x0fff_ffff;
        int linkHeader = switch (linkType) {
            case LINKTYPE_ETHERNET -> 14;
            case LINKTYPE_LINUX_SLL -> 16;
            case LINKTYPE_LINUX_SLL2 -> 20;
            default -> throw new IOException("unexpected link type " + linkType);
        };
        long count = 0;
        double jitter = 0;
        long previousTransit = 0;
        int offset = 24;
        while (offset + 16 <= bytes.length && count < limit) {
            long arrival = Integer.toUnsignedLong(file.getInt(offset)) * 1_000_000_000L
                    + Integer.toUnsignedLong(file.getInt(offset + 4)) * fractionNanos;
            int captured = file.getInt(offset + 8);
            int ip = offset + 16 + linkHeader;
            int end = offset + 16 + captured;
            offset = end;
            if (end > bytes.length || ip + 20 > end || (wire.get(ip) & 0xf0) != 0x40) {
                continue;
            }
            int udp = ip + (wire.get(ip) & 0x0f) * 4;
            int payload = udp + 8;
            // UDP, to the port, and a datagram long enough for the header (not the 4-byte hello).
            if (wire.get(ip + 9) != 17
                    || payload + 8 > end
                    || Short.toUnsignedInt(wire.getShort(udp + 2)) != port
                    || Short.toUnsignedInt(wire.getShort(udp + 4)) - 8 < 12) {
                continue;
            }
            long sent = Integer.toUnsignedLong(wire.getInt(payload)) * 1_000_000_000L
                    + Integer.toUnsignedLong(wire.getInt(payload + 4)) * 1_000L;
            long transit = arrival - sent;
            if (count > 0) {
                jitter += (Math.abs(transit - previousTransit) / 1e9 - jitter) / 16.0;
            }
            previousTransit = transit;
            count++;
        }
        return new CapturedJitter(count, jitter);
    }
}
