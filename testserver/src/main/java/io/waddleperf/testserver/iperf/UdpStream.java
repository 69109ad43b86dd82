package io.waddleperf.testserver.iperf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A UDP data stream on a socket connected to one client port.
 *
 * <p>Datagrams carry iperf3's header: u32 seconds and u32 microseconds of the sender's monotonic
 * clock, then the sequence number as u32, or u64 with {@code --udp-counters-64bit}. A receiver
 * takes each datagram's arrival from the kernel's receive stamp where it can ({@link
 * ReceiveClock}), so the jitter is the network's and not the reading thread's wake-up delay;
 * otherwise from {@code System.nanoTime()} once the read returns, as iperf3 does. Either way the
 * transit time is off by the distance between the two ends' clocks, which RFC 1889's jitter, built
 * from differences of transit times, does not see.
 */
public final class UdpStream extends DataStream {

    static final int MAX_DATAGRAM = 65_536;

    /** Receive buffer when the test sets no window: the kernel default drops bursts at Gbit/s. */
    public static final int RECEIVE_BUFFER = 4 * 1024 * 1024;

    private final DatagramChannel channel;

    public UdpStream(StreamOwner test, int id, boolean sender, DatagramChannel channel) {
        super(test, id, sender);
        this.channel = channel;
    }

    @Override
    void transfer() throws IOException {
        if (sender) {
            send();
        } else {
            receive();
        }
    }

    private void receive() throws IOException {
        boolean wide = test.parameters().udpCounters64();
        int header = wide ? 16 : 12;
        ByteBuffer buffer = test.buffers().acquire(MAX_DATAGRAM);
        try {
            long omitEnd = test.omitEndNanos();
            long total = 0;
            long highest = 0;
            long lost = 0;
            long late = 0;
            double jitterSeconds = 0;
            long previousTransit = 0;
            boolean first = true;
            ReceiveClock.Socket kernel = ReceiveClock.forChannel(channel);
            boolean stamped = true;
            while (true) {
                buffer.clear();
                int size = channel.read(buffer);
                long now = System.nanoTime();
                long arrival = stamped ? kernel.lastArrivalNanos() : ReceiveClock.UNKNOWN;
                if (arrival == ReceiveClock.UNKNOWN) {
                    if (stamped) {
                        // The kernel's clock is not nanoTime's: once without stamps, stay without
                        // them, and start the transit differences afresh on the new clock.
                        stamped = false;
                        first = true;
                    }
                    arrival = now;
                }
                if (size < header) {
                    // Too short to carry a header: not an iperf3 datagram, so not part of the measurement.
                    continue;
                }
                long seconds = Integer.toUnsignedLong(buffer.getInt(0));
                long micros = Integer.toUnsignedLong(buffer.getInt(4));
                long sequence = wide ? buffer.getLong(8) : Integer.toUnsignedLong(buffer.getInt(8));
                total += size;
                // iperf3's loss accounting: a gap counts as lost, a late arrival takes one loss back.
                if (sequence > highest) {
                    lost += sequence - 1 - highest;
                    highest = sequence;
                } else {
                    late++;
                    if (lost > 0) {
                        lost--;
                    }
                }
                long transit = arrival - (seconds * 1_000_000_000L + micros * 1_000L);
                if (first) {
                    previousTransit = transit;
                    first = false;
                }
                long delta = Math.abs(transit - previousTransit);
                previousTransit = transit;
                jitterSeconds += (delta / 1e9 - jitterSeconds) / 16.0;
                if (!omitPassed && now - omitEnd >= 0) {
                    passOmit(total - size, lost, late);
                    jitterSeconds = 0;
                }
                bytes = total;
                packets = highest;
                lostPackets = lost;
                outOfOrder = late;
                jitter = jitterSeconds;
                lastDataNanos = now;
            }
        } finally {
            test.buffers().release(buffer);
        }
    }

    private void send() throws IOException {
        TestParameters parameters = test.parameters();
        int size = parameters.blockSize();
        boolean wide = parameters.udpCounters64();
        int burst = Math.max(1, parameters.burst());
        ByteBuffer buffer = test.buffers().acquire(size);
        try {
            fillRandom(buffer);
            long omitEnd = test.omitEndNanos();
            long start = System.nanoTime();
            long total = 0;
            long sequence = 0;
            while (awaitGreenLight(total, start)) {
                for (int i = 0; i < burst && !stopRequested; i++) {
                    if (!test.takeBlock(size)) {
                        return;
                    }
                    long now = System.nanoTime();
                    sequence++;
                    buffer.putInt(0, (int) (now / 1_000_000_000L));
                    buffer.putInt(4, (int) (now % 1_000_000_000L / 1_000L));
                    if (wide) {
                        buffer.putLong(8, sequence);
                    } else {
                        buffer.putInt(8, (int) sequence);
                    }
                    buffer.clear().limit(size);
                    total += channel.write(buffer);
                    bytes = total;
                    packets = sequence;
                    if (!omitPassed && now - omitEnd >= 0) {
                        passOmit(total - size, 0, 0);
                    }
                }
            }
        } finally {
            test.buffers().release(buffer);
        }
    }

    @Override
    void closeChannelQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to do with a stream we are discarding.
        }
    }
}
