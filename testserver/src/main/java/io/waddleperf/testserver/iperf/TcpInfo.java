package io.waddleperf.testserver.iperf;

/**
 * One reading of the kernel's {@code struct tcp_info} for a socket, in the units iperf3's JSON
 * uses.
 *
 * @param totalRetransmits segments retransmitted since the socket was created ({@code
 *     tcpi_total_retrans})
 * @param sndCwnd the congestion window in bytes ({@code tcpi_snd_cwnd × tcpi_snd_mss})
 * @param sndWnd the peer's advertised receive window in bytes, or -1 where the kernel (before
 *     5.4) does not report it
 * @param rtt smoothed round-trip time in microseconds
 * @param rttvar round-trip time variance in microseconds
 * @param pmtu path MTU in bytes
 */
public record TcpInfo(long totalRetransmits, long sndCwnd, long sndWnd, long rtt, long rttvar, long pmtu) {}
