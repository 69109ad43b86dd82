package io.waddleperf.testserver.iperf;

/** The data-stream protocol a client asked for. */
public enum IperfTransport {
    TCP,
    UDP
}
