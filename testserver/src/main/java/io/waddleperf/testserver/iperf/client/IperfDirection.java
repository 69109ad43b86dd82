package io.waddleperf.testserver.iperf.client;

/** Which way a client's test moves data: iperf3's default, {@code -R} or {@code --bidir}. */
public enum IperfDirection {
    /** Client to server. */
    UPLOAD,
    /** Server to client ({@code -R}). */
    REVERSE,
    /** Both at once ({@code --bidir}): P streams each way. */
    BIDIRECTIONAL
}
