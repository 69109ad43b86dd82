package io.waddleperf.testserver.iperf.client;

import io.waddleperf.testserver.iperf.ControlChannel;
import io.waddleperf.testserver.iperf.IperfJson;
import io.waddleperf.testserver.iperf.TcpStream;
import io.waddleperf.testserver.iperf.UdpStream;
import java.util.function.Consumer;

/**
 * An iperf3 3.12-compatible client: runs one test against any iperf3 server, the stock {@code
 * iperf3 -s} or ours, and reports both ends' figures.
 *
 * <p>It speaks the same wire protocol with the same code as our server ({@link ControlChannel},
 * {@link IperfJson}, {@link TcpStream}, {@link UdpStream}), so a client and a server of ours count
 * bytes, loss and jitter identically. Each test has its own threads (control, one per stream, a
 * timer) and releases all of them, and every socket, before {@link #run} returns or throws.
 */
public final class IperfClient {

    /** What we announce as {@code client_version}; the protocol is 3.12's. */
    static final String VERSION = "3.12";

    private IperfClient() {}

    /**
     * Runs one test and blocks until it ends.
     *
     * @param intervals called from the test's timer thread once per reporting interval
     * @throws IperfClientFailed when the test cannot complete; no thread or socket outlives it
     * @throws InterruptedException when the calling thread is interrupted; the client then sends
     *     CLIENT_TERMINATE, as iperf3 does on Ctrl-C, and cleans up
     */
    public static IperfClientResult run(IperfClientRequest request, Consumer<IperfClientResult.Interval> intervals)
            throws IperfClientFailed, InterruptedException {
        try (ClientSession session = new ClientSession(request, intervals)) {
            return session.run();
        }
    }
}
