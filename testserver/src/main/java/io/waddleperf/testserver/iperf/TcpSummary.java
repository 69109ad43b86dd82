package io.waddleperf.testserver.iperf;

/**
 * A TCP stream's kernel figures over a test (after the {@code -O} warm-up), named and measured as
 * in iperf3's end-of-test stream summary.
 *
 * @param retransmits segments retransmitted
 * @param maxSndCwnd the largest congestion window seen, bytes
 * @param maxSndWnd the largest send window seen, bytes; -1 where the kernel does not report it
 * @param minRtt smallest smoothed RTT seen, microseconds
 * @param maxRtt largest smoothed RTT seen, microseconds
 * @param meanRtt mean of the RTT readings (one per interval and one at the end), microseconds
 * @param pmtu the path MTU at the last reading, bytes (iperf3 has it per interval only; a test's
 *     last reading is what a reader of the end-of-test figures wants to know)
 */
public record TcpSummary(
        long retransmits, long maxSndCwnd, long maxSndWnd, long minRtt, long maxRtt, long meanRtt, long pmtu) {}
