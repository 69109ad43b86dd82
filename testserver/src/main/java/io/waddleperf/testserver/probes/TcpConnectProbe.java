package io.waddleperf.testserver.probes;

import io.waddleperf.protocol.HostPort;
import io.waddleperf.protocol.Latency;
import io.waddleperf.protocol.ProbeParams;
import io.waddleperf.protocol.ProbeProgress;
import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens {@code count} TCP connections one after another and reports the handshake times: the time
 * {@code connect} takes is one SYN / SYN-ACK round trip plus the kernel's work on both ends.
 */
final class TcpConnectProbe implements Probe {

    private final HostPort target;
    private final ProbeParams.TcpConnect params;
    private final SsrfGuard guard;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile double lastRtt;

    TcpConnectProbe(HostPort target, ProbeParams.TcpConnect params, SsrfGuard guard) {
        this.target = target;
        this.params = params;
        this.guard = guard;
    }

    @Override
    public ProbeType type() {
        return ProbeType.TCP_CONNECT;
    }

    @Override
    public ProbeProgress progress() {
        return new ProbeProgress.TcpConnect(completed.get(), params.count(), failed.get(), lastRtt);
    }

    @Override
    public ProbeResult.TcpConnect run() throws InterruptedException {
        InetAddress address = guard.resolve(target.host()).getFirst();
        InetSocketAddress endpoint = new InetSocketAddress(address, target.port());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ProbeParams.MAX_DURATION_MILLIS);
        double[] rtts = new double[params.count()];
        int succeeded = 0;
        int refused = 0;
        int timedOut = 0;
        boolean truncated = false;
        for (int i = 0; i < params.count(); i++) {
            if (i > 0 && params.intervalMillis() > 0) {
                // Pacing, not waiting for a condition: back-to-back connects would measure our own
                // burst (and fill the target's accept queue) rather than the path.
                TimeUnit.MILLISECONDS.sleep(params.intervalMillis());
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            if (System.nanoTime() > deadline) {
                truncated = true;
                break;
            }
            try (Socket socket = new Socket()) {
                long start = System.nanoTime();
                socket.connect(endpoint, params.timeoutMillis());
                long rtt = System.nanoTime() - start;
                rtts[succeeded++] = Latency.millis(rtt);
                lastRtt = Latency.millis(rtt);
            } catch (SocketTimeoutException e) {
                timedOut++;
                failed.incrementAndGet();
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                refused++;
                failed.incrementAndGet();
            }
            completed.incrementAndGet();
        }
        return new ProbeResult.TcpConnect(
                target.toString(),
                address.getHostAddress(),
                target.port(),
                completed.get(),
                succeeded,
                refused,
                timedOut,
                Latency.of(Arrays.copyOf(rtts, succeeded)),
                truncated);
    }
}
