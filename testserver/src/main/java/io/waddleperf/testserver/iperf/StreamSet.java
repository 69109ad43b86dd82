package io.waddleperf.testserver.iperf;

import io.waddleperf.testserver.iperf.IperfJson.PeerStream;
import io.waddleperf.testserver.iperf.IperfJson.StreamReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The data streams of one test, and what both ends do with them alike: start them, sample
 * intervals (bytes, UDP loss and jitter, TCP_INFO), stop the senders, drain the receivers, and
 * count what was measured after the {@code -O} warm-up. The server's {@code ServerSession} and the
 * client's {@code ClientSession} differ only in the protocol around it.
 *
 * <p>Streams are added while they connect (the server under its own lock); from {@link #start}
 * on the set is fixed. Sampling is synchronized; the rest runs on the owner's control thread.
 */
public final class StreamSet {

    /** With no byte count to wait for, a drain ends after this long without new data. */
    private static final long DRAIN_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(30);

    private static final long DRAIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** A timer tick this close to the previous sample adds no interval. */
    private static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final List<DataStream> streams = new ArrayList<>();

    private int omitSeconds;
    private boolean udp;
    private long startNanos;
    private long omitEndNanos;
    private long[] lastBytes;
    private long[] lastPackets;
    private long[] lastLost;
    private long[] lastRetransmits;
    private long lastSampleNanos;

    /**
     * One reporting interval's per-stream figures.
     *
     * @param start seconds since the test started
     * @param omitted whether the interval lies in the {@code -O} warm-up
     */
    public record Sample(double start, double end, boolean omitted, List<IperfInterval.Stream> streams) {}

    public void add(DataStream stream) {
        streams.add(stream);
    }

    public int size() {
        return streams.size();
    }

    public List<DataStream> all() {
        return streams;
    }

    public boolean has(int id) {
        return streams.stream().anyMatch(s -> s.id == id);
    }

    public boolean started() {
        return lastBytes != null;
    }

    public long startNanos() {
        return startNanos;
    }

    public long omitEndNanos() {
        return omitEndNanos;
    }

    /** Marks the start of the test and starts every stream's thread. */
    public void start(TestParameters parameters, long now) {
        omitSeconds = parameters.omitSeconds();
        udp = parameters.transport() == IperfTransport.UDP;
        startNanos = now;
        lastSampleNanos = now;
        omitEndNanos = now + TimeUnit.SECONDS.toNanos(omitSeconds);
        int count = streams.size();
        synchronized (this) {
            lastBytes = new long[count];
            lastPackets = new long[count];
            lastLost = new long[count];
            lastRetransmits = new long[count];
        }
        for (DataStream stream : streams) {
            stream.start();
        }
    }

    /**
     * The figures since the last sample, or null when a timer tick comes too soon after it. The
     * last sample is taken however short, so the intervals add up to the total.
     */
    public synchronized @Nullable Sample sample(long now, boolean last) {
        if (lastBytes == null || (!last && now - lastSampleNanos < MIN_INTERVAL_NANOS)) {
            return null;
        }
        double start = (lastSampleNanos - startNanos) / 1e9;
        double end = (now - startNanos) / 1e9;
        lastSampleNanos = now;
        // Ticks land a hair after the warm-up ends, so an interval counts as omitted by its middle.
        boolean omitted = (start + end) / 2 < omitSeconds;
        List<IperfInterval.Stream> figures = new ArrayList<>(streams.size());
        for (int i = 0; i < streams.size(); i++) {
            DataStream stream = streams.get(i);
            long bytes = stream.bytes;
            long packets = stream.packets;
            long lost = stream.lostPackets;
            TcpInfo info = null;
            long retransmits = -1;
            if (stream.sender && stream instanceof TcpStream tcp) {
                info = tcp.readTcpInfo();
                if (info != null) {
                    retransmits = info.totalRetransmits() - lastRetransmits[i];
                    lastRetransmits[i] = info.totalRetransmits();
                }
                if (omitted) {
                    tcp.resetTcpFigures();
                }
            }
            figures.add(new IperfInterval.Stream(
                    stream.id,
                    stream.sender,
                    bytes - lastBytes[i],
                    packets - lastPackets[i],
                    lost - lastLost[i],
                    stream.jitter,
                    retransmits,
                    info));
            lastBytes[i] = bytes;
            lastPackets[i] = packets;
            lastLost[i] = lost;
        }
        return new Sample(start, end, omitted, figures);
    }

    /**
     * Asks the senders to stop, lets each finish the write it is in for up to {@code graceNanos},
     * then closes its stream; a sender blocked on a full socket buffer is freed by the close. The
     * last TCP_INFO is read just before, while the socket is still there to read.
     */
    public void stopSenders(long graceNanos) throws InterruptedException {
        for (DataStream stream : streams) {
            if (stream.sender) {
                stream.stopRequested = true;
            }
        }
        long deadline = System.nanoTime() + graceNanos;
        for (DataStream stream : streams) {
            if (stream.sender) {
                stream.join(deadline - System.nanoTime());
                if (stream instanceof TcpStream tcp) {
                    tcp.readTcpInfo();
                }
                stream.close();
                stream.join(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    /**
     * Reads what the peer sent before the test ended and is still in flight or queued, until each
     * receiver has what the peer says it sent (TCP bytes, UDP datagrams), its stream ended, or
     * nothing arrived for a short while. The peer's count is exact only without {@code -O}: the
     * two ends' warm-ups ended at slightly different moments. Capped at {@code limitNanos}.
     */
    public void drain(Map<Integer, PeerStream> sent, long limitNanos) {
        List<DataStream> receivers = streams.stream().filter(s -> !s.sender).toList();
        if (receivers.isEmpty()) {
            return;
        }
        boolean exact = omitSeconds == 0;
        long now = System.nanoTime();
        long limit = now + limitNanos;
        long lastProgress = -1;
        long quietSince = now;
        while (true) {
            boolean complete = true;
            long progress = 0;
            for (DataStream receiver : receivers) {
                progress += receiver.bytes;
                PeerStream peer = sent.get(receiver.id);
                boolean reached = exact
                        && peer != null
                        && (udp ? receiver.packets >= peer.packets() : receiver.bytes >= peer.bytes());
                complete &= reached || !receiver.running();
            }
            if (complete) {
                return;
            }
            now = System.nanoTime();
            if (progress != lastProgress) {
                lastProgress = progress;
                quietSince = now;
            } else if (now - quietSince >= DRAIN_QUIET_NANOS || now - limit >= 0) {
                return;
            }
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
        }
    }

    /** Closes every stream, then waits up to {@code eachNanos} for each thread; true if all ended. */
    public boolean close(long eachNanos) throws InterruptedException {
        for (DataStream stream : streams) {
            stream.close();
        }
        boolean ended = true;
        for (DataStream stream : streams) {
            ended &= stream.join(eachNanos);
        }
        return ended;
    }

    public long measuredBytes(DataStream stream) {
        return stream.bytes - (omitSeconds == 0 ? 0 : stream.omitPassed ? stream.omittedBytes : stream.bytes);
    }

    public long measuredLost(DataStream stream) {
        return stream.lostPackets
                - (omitSeconds == 0 ? 0 : stream.omitPassed ? stream.omittedLost : stream.lostPackets);
    }

    public long measuredOutOfOrder(DataStream stream) {
        return stream.outOfOrder
                - (omitSeconds == 0 ? 0 : stream.omitPassed ? stream.omittedOutOfOrder : stream.outOfOrder);
    }

    /** Seconds the stream was measured: a sender until it stopped, a receiver until its last data. */
    public double measuredSeconds(DataStream stream, long endNanos) {
        long end = stream.sender ? stream.stoppedNanos : Math.max(endNanos, stream.lastDataNanos);
        long from = omitSeconds > 0 ? omitEndNanos : startNanos;
        return Math.max(0, end - from) / 1e9;
    }

    /** The stream's TCP_INFO figures over the test, for TCP senders that could read them. */
    @Nullable
    public TcpSummary tcpSummary(DataStream stream) {
        return stream.sender && stream instanceof TcpStream tcp ? tcp.tcpSummary() : null;
    }

    /**
     * iperf3's {@code sender_has_retransmits}: -1 if this end sent nothing, 1 if its senders
     * report retransmits (TCP with TCP_INFO), else 0.
     */
    public int senderHasRetransmits() {
        boolean sends = false;
        for (DataStream stream : streams) {
            if (stream.sender) {
                sends = true;
                if (!(stream instanceof TcpStream tcp) || tcp.tcpSummary() == null) {
                    return 0;
                }
            }
        }
        return sends ? 1 : -1;
    }

    /** Our side of the results exchange, one report per stream, as iperf3 fills it in. */
    public List<StreamReport> reports(long endNanos) {
        int hasRetransmits = senderHasRetransmits();
        List<StreamReport> reports = new ArrayList<>(streams.size());
        for (DataStream stream : streams) {
            TcpSummary tcp = tcpSummary(stream);
            reports.add(new StreamReport(
                    stream.id,
                    measuredBytes(stream),
                    hasRetransmits == 1 && tcp != null ? tcp.retransmits() : -1,
                    stream.sender ? 0 : stream.jitter,
                    stream.sender ? 0 : measuredLost(stream),
                    stream.packets,
                    measuredSeconds(stream, endNanos)));
        }
        return reports;
    }

    /** Total, user and system CPU of the stream threads as a percentage of the test's wall time. */
    public double[] cpuPercent() {
        long wall = Math.max(1, System.nanoTime() - startNanos);
        long cpu = 0;
        long user = 0;
        for (DataStream stream : streams) {
            cpu += stream.cpuNanos;
            user += stream.userNanos;
        }
        return new double[] {100.0 * cpu / wall, 100.0 * user / wall, 100.0 * (cpu - user) / wall};
    }
}
