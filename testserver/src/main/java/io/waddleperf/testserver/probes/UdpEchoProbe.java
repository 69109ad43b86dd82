package io.waddleperf.testserver.probes;

import io.waddleperf.protocol.HostPort;
import io.waddleperf.protocol.Latency;
import io.waddleperf.protocol.ProbeParams;
import io.waddleperf.protocol.ProbeProgress;
import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends numbered datagrams to a UDP echo (ours, or any RFC 862 echo) and matches the replies.
 *
 * <p>One thread sends on schedule and, between sends, waits for replies with a socket timeout
 * that ends at the next send time, so every reply is timestamped as soon as the kernel hands it
 * over. Each datagram carries [token][magic][run tag][sequence][send time]; the run tag keeps
 * stray replies from an earlier run on the same port out of the statistics.
 */
final class UdpEchoProbe implements Probe {

    private static final int MAGIC = 0x57505545; // "WPUE"
    private static final int HEADER = 4 + 4 + 4 + 8;

    private final HostPort target;
    private final ProbeParams.UdpEcho params;
    private final SsrfGuard guard;
    private final byte[] token;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private volatile double lastRtt;

    UdpEchoProbe(HostPort target, ProbeParams.UdpEcho params, SsrfGuard guard) {
        this.target = target;
        this.params = params;
        this.guard = guard;
        this.token = params.token() == null ? new byte[0] : params.token().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public ProbeType type() {
        return ProbeType.UDP_ECHO;
    }

    @Override
    public ProbeProgress progress() {
        return new ProbeProgress.UdpEcho(sent.get(), received.get(), params.count(), lastRtt);
    }

    @Override
    public ProbeResult.UdpEcho run() throws InterruptedException {
        InetAddress address = guard.resolve(target.host()).getFirst();
        InetSocketAddress endpoint = new InetSocketAddress(address, target.port());
        Tally tally = new Tally(params.count());
        try (DatagramSocket socket = new DatagramSocket()) {
            // Connected: the kernel drops datagrams from anyone but the echo.
            socket.connect(endpoint);
            int tag = ThreadLocalRandom.current().nextInt();
            byte[] out = new byte[params.packetSize()];
            System.arraycopy(token, 0, out, 0, token.length);
            ByteBuffer outView = ByteBuffer.wrap(out);
            DatagramPacket outPacket = new DatagramPacket(out, out.length);
            DatagramPacket inPacket = new DatagramPacket(new byte[params.packetSize() + 64], params.packetSize() + 64);
            long interval = TimeUnit.MILLISECONDS.toNanos(params.intervalMillis());
            long start = System.nanoTime();
            for (int seq = 0; seq < params.count(); seq++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                outView.position(token.length);
                outView.putInt(MAGIC).putInt(tag).putInt(seq).putLong(System.nanoTime());
                tally.sentAt[seq] = System.nanoTime();
                socket.send(outPacket);
                sent.incrementAndGet();
                drain(socket, inPacket, tag, tally, start + (seq + 1) * interval, false);
            }
            long lastSend = System.nanoTime();
            drain(socket, inPacket, tag, tally, lastSend + TimeUnit.MILLISECONDS.toNanos(params.timeoutMillis()), true);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            throw new ProbeFailed("udp-failed", "UDP echo to " + target + " failed: " + e.getMessage(), e);
        }
        return tally.result(target, address, sent.get(), params.packetSize());
    }

    /** Reads replies until {@code until} (nanoTime), or, when {@code final}, until all came back. */
    private void drain(DatagramSocket socket, DatagramPacket in, int tag, Tally tally, long until, boolean last)
            throws IOException, InterruptedException {
        while (true) {
            if (last && tally.unique == sent.get()) {
                return;
            }
            long remaining = until - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            try {
                in.setLength(in.getData().length);
                socket.receive(in);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (PortUnreachableException e) {
                // ICMP port unreachable: nothing listens yet; the datagram counts as lost.
                continue;
            }
            long arrival = System.nanoTime();
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            accept(in, tag, tally, arrival);
        }
    }

    private void accept(DatagramPacket in, int tag, Tally tally, long arrival) {
        if (in.getLength() < token.length + HEADER) {
            return;
        }
        ByteBuffer view = ByteBuffer.wrap(in.getData(), in.getOffset() + token.length, HEADER);
        if (view.getInt() != MAGIC || view.getInt() != tag) {
            return;
        }
        int seq = view.getInt();
        long sentNanos = view.getLong();
        if (seq < 0 || seq >= tally.seen.length || tally.sentAt[seq] == 0) {
            return;
        }
        double rtt = Latency.millis(arrival - sentNanos);
        if (tally.record(seq, rtt)) {
            received.incrementAndGet();
            lastRtt = rtt;
        }
    }

    /** Per-run bookkeeping; only the probe's own thread touches it. */
    private static final class Tally {
        final long[] sentAt;
        final boolean[] seen;
        final double[] rtts;
        int unique;
        int duplicates;
        int reordered;
        int highestSeq = -1;
        double jitter;
        double previousRtt = Double.NaN;

        Tally(int count) {
            sentAt = new long[count];
            seen = new boolean[count];
            rtts = new double[count];
        }

        /** Returns whether this is the first reply for {@code seq}. */
        boolean record(int seq, double rtt) {
            if (seen[seq]) {
                duplicates++;
                return false;
            }
            seen[seq] = true;
            rtts[unique++] = rtt;
            if (seq < highestSeq) {
                // Arrived after a later-sent datagram (RFC 4737 reordered).
                reordered++;
            } else {
                highestSeq = seq;
            }
            if (!Double.isNaN(previousRtt)) {
                // RFC 3550 interarrival jitter: D(i-1,i) is the change in transit time, which for
                // an echo is the change in round-trip time; J moves 1/16 of the way towards |D|.
                jitter += (Math.abs(rtt - previousRtt) - jitter) / 16.0;
            }
            previousRtt = rtt;
            return true;
        }

        ProbeResult.UdpEcho result(HostPort target, InetAddress address, int sent, int packetSize) {
            int lost = sent - unique;
            double lossPercent = sent == 0 ? 0 : Latency.round(100.0 * lost / sent);
            return new ProbeResult.UdpEcho(
                    target.toString(),
                    address.getHostAddress(),
                    target.port(),
                    sent,
                    unique,
                    lost,
                    lossPercent,
                    duplicates,
                    reordered,
                    Latency.of(Arrays.copyOf(rtts, unique)),
                    Latency.round(jitter),
                    packetSize);
        }
    }
}
