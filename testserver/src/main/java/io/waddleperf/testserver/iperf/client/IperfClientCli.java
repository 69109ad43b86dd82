package io.waddleperf.testserver.iperf.client;

import io.waddleperf.testserver.iperf.IperfTransport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs {@link IperfClient} from the command line, for {@code bench/iperf3-compare}: {@code host
 * port seconds [-P n] [-R] [-u] [-b bits] [-l bytes] [--warmup]}. Prints the receiver-side Gbit/s, the
 * server's CPU %, for UDP the loss %, and the TCP senders' retransmits (-1 when unknown),
 * tab-separated, the way the script reads the stock client's JSON.
 *
 * <p>Start it from the node's Boot jar with {@code java -Dloader.main=io.waddleperf.testserver.iperf.client.IperfClientCli
 * -cp waddleperf-testserver.jar org.springframework.boot.loader.launch.PropertiesLauncher ...}.
 */
public final class IperfClientCli {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: host port seconds [-P n] [-R] [-u] [-b bits] [-l bytes]");
            System.exit(2);
        }
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int seconds = Integer.parseInt(args[2]);
        int parallel = 1;
        boolean reverse = false;
        boolean udp = false;
        long bandwidth = -1;
        int length = -1;
        boolean warmUp = false;
        for (int i = 3; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmUp = true;
                case "-P" -> parallel = Integer.parseInt(args[++i]);
                case "-R" -> reverse = true;
                case "-u" -> udp = true;
                case "-b" -> bandwidth = parseRate(args[++i]);
                case "-l" -> length = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        IperfClientRequest request = IperfClientRequest.tcp(server, seconds)
                .withParallel(parallel)
                .withDirection(reverse ? IperfDirection.REVERSE : IperfDirection.UPLOAD)
                .withIdleTimeout(Duration.ofSeconds(10));
        if (udp) {
            request = request.udp(
                    length > 0 ? length : 1460,
                    bandwidth >= 0 ? bandwidth : IperfClientRequest.DEFAULT_UDP_BANDWIDTH,
                    true);
        } else if (length > 0 || bandwidth > 0) {
            request = new IperfClientRequest(
                    server,
                    IperfTransport.TCP,
                    request.direction(),
                    parallel,
                    seconds,
                    0,
                    length > 0 ? length : IperfClientRequest.DEFAULT_TCP_BLOCK,
                    Math.max(0, bandwidth),
                    0,
                    false,
                    request.idleTimeout(),
                    null);
        }
        try {
            if (warmUp) {
                // A fresh JVM interprets at first; a short unmeasured test lets the JIT compile the
                // hot loops, as the script's warm-up does for our server.
                runWhenFree(request.withDurationSeconds(Math.min(2, seconds)));
            }
            IperfClientResult result = runWhenFree(request);
            double bits = reverse ? result.downloadBitsPerSecond() : result.uploadBitsPerSecond();
            double loss = result.sentPackets() == 0 ? 0 : 100.0 * result.lostPackets() / result.sentPackets();
            System.out.printf(
                    Locale.ROOT,
                    "%.4f\t%.1f\t%.4f\t%d%n",
                    bits / 1e9,
                    result.serverCpuPercent(),
                    loss,
                    result.retransmits());
        } catch (IperfClientFailed e) {
            System.err.println("iperf3 test failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs the test, trying again for a few seconds while the server answers ACCESS_DENIED or is
     * not there: iperf3 3.21 tidies up after a test once its client is gone, closing its listening
     * socket and opening a new one, so a test that comes sooner (the measured one right after
     * {@code --warmup}) is refused, or reset if it reached the old socket just before the close.
     * Of 60 back-to-back one-second tests in one JVM against 3.21 on loopback, 12 to 14 met one
     * or the other; a stock client, a new process per test, seldom comes that soon.
     */
    private static IperfClientResult runWhenFree(IperfClientRequest request)
            throws IperfClientFailed, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                return IperfClient.run(request, interval -> {});
            } catch (IperfClientFailed e) {
                boolean retry =
                        e.kind() == IperfClientFailed.Kind.BUSY || e.kind() == IperfClientFailed.Kind.UNREACHABLE;
                if (!retry || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    private static long parseRate(String text) {
        String value = text.toUpperCase(Locale.ROOT);
        long factor = 1;
        if (value.endsWith("K") || value.endsWith("M") || value.endsWith("G")) {
            factor = switch (value.charAt(value.length() - 1)) {
                case 'K' -> 1_000L;
                case 'M' -> 1_000_000L;
                default -> 1_000_000_000L;
            };
            value = value.substring(0, value.length() - 1);
        }
        return (long) (Double.parseDouble(value) * factor);
    }

    private IperfClientCli() {}
}
