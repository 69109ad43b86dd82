package io.waddleperf.testserver.iperf.server;

import io.waddleperf.testserver.iperf.IperfRole;
import io.waddleperf.testserver.iperf.IperfTransport;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * All data streams of a test are connected and the server told the client to start.
 *
 * @param extraData the client's {@code --extra-data}; null when it sent none
 */
public record IperfTestStarted(
        String testId,
        InetSocketAddress client,
        IperfTransport transport,
        IperfRole role,
        int parallel,
        int durationSeconds,
        String clientVersion,
        @Nullable String extraData) {}
