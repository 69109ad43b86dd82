package io.waddleperf.testserver.iperf;

/** What this server does with the data streams, as iperf3 names it for the server side. */
public enum IperfRole {
    /** The default: the client sends, the server counts. */
    RECEIVER,
    /** {@code -R}: the server sends. */
    SENDER,
    /** {@code --bidir}: both, on separate streams. */
    BIDIRECTIONAL
}
