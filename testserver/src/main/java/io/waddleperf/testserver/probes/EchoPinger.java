package io.waddleperf.testserver.probes;

import io.waddleperf.protocol.Latency;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency under load: pings a UDP echo on the throughput target's host every {@link #INTERVAL}
 * while the transfer runs, so the round trips queue behind the test's own data. TCP_INFO's RTT
 * would be the other source, but plain Java cannot read it.
 *
 * <p>One thread sends on schedule, one receives; replies carry the send time, so matching needs no
 * shared state beyond the result list.
 */
final class EchoPinger implements AutoCloseable {

    static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(100);

    private static final int MAGIC = 0x5750544c; // "WPTL"
    private static final int SIZE = 64;

    /** One answered ping: when it was sent and how long the round trip took. */
    record Sample(long sentNanos, double rttMillis) {}

    private final DatagramChannel channel;
    private final int tag = ThreadLocalRandom.current().nextInt();
    private final List<Sample> samples = new ArrayList<>();
    private final Thread sender;
    private final Thread receiver;
    private volatile boolean stopping;
    private volatile int sent;
    private volatile double lastRtt = Double.NaN;

    private EchoPinger(DatagramChannel channel) {
        this.channel = channel;
        this.sender = Thread.ofVirtual().name("echo-pinger-send").unstarted(this::send);
        this.receiver = Thread.ofVirtual().name("echo-pinger-receive").unstarted(this::receive);
    }

    static EchoPinger start(InetSocketAddress echo) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.connect(echo);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        EchoPinger pinger = new EchoPinger(channel);
        pinger.receiver.start();
        pinger.sender.start();
        return pinger;
    }

    private void send() {
        ByteBuffer out = ByteBuffer.allocate(SIZE);
        long next = System.nanoTime();
        int seq = 0;
        while (!stopping) {
            out.clear();
            out.putInt(MAGIC)
                    .putInt(tag)
                    .putInt(seq++)
                    .putLong(System.nanoTime())
                    .clear();
            try {
                channel.write(out);
                sent++;
            } catch (PortUnreachableException e) {
                // The echo's host said nothing listens; later pings may still find it.
            } catch (IOException e) {
                return;
            }
            next += INTERVAL;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    private void receive() {
        ByteBuffer in = ByteBuffer.allocate(SIZE + 64);
        while (true) {
            in.clear();
            try {
                channel.read(in);
            } catch (PortUnreachableException e) {
                continue;
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                return;
            }
            long arrival = System.nanoTime();
            if (in.position() < 20 || in.getInt(0) != MAGIC || in.getInt(4) != tag) {
                continue;
            }
            long sentNanos = in.getLong(12);
            double rtt = Latency.millis(arrival - sentNanos);
            lastRtt = rtt;
            synchronized (samples) {
                samples.add(new Sample(sentNanos, rtt));
            }
        }
    }

    /** The latest round trip, or NaN before the first reply. */
    double lastRttMillis() {
        return lastRtt;
    }

    int sent() {
        return sent;
    }

    /** Stops sending, waits {@code graceNanos} for replies still on their way, and returns all samples. */
    List<Sample> finish(long graceNanos) throws InterruptedException {
        stopping = true;
        sender.join();
        receiver.join(java.time.Duration.ofNanos(graceNanos));
        close();
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        stopping = true;
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing else holds the socket.
        }
        sender.interrupt();
    }
}
