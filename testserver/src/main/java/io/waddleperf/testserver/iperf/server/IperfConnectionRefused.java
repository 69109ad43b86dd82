package io.waddleperf.testserver.iperf.server;

import java.net.InetSocketAddress;

/** A client was turned away with iperf3's ACCESS_DENIED before a test began. */
public record IperfConnectionRefused(InetSocketAddress client, Reason reason) {

    public enum Reason {
        /** All of the node's test slots are in use ("the server is busy running a test"). */
        BUSY,
        /** This client address already runs as many tests as one client may. */
        CLIENT_LIMIT,
        /** The address is outside the node's allowlist. */
        NOT_ALLOWED
    }
}
