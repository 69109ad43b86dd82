package io.waddleperf.testserver.iperf.server;

import io.waddleperf.testserver.iperf.IperfRole;
import io.waddleperf.testserver.iperf.IperfTransport;
import java.net.InetSocketAddress;

/** All data streams of a test are connected and the server told the client to start. */
public record IperfTestStarted(
        String testId,
        InetSocketAddress client,
        IperfTransport transport,
        IperfRole role,
        int parallel,
        int durationSeconds,
        String clientVersion) {}
