package io.waddleperf.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A probe's per-second progress sample, the {@code progress} of a run's {@code sample} event. The
 * figures and their units are listed per type in {@link ProbeContract#progress()}.
 */
public sealed interface ProbeProgress {

    record TcpConnect(int completed, int total, int failed, double lastRttMillis) implements ProbeProgress {}

    record UdpEcho(int sent, int received, int total, double lastRttMillis) implements ProbeProgress {}

    /** http, dns and ssh: which step the probe is in ("connect", "tls", "query", …). */
    record Phase(String phase) implements ProbeProgress {}

    /**
     * One throughput interval. Loss and jitter exist only when the node receives UDP, the RTT only
     * once the echo answered; a figure that does not exist is left out, not sent as null.
     *
     * <p>{@code retransmits}, {@code sndCwndBytes}, {@code sndWndBytes}, {@code tcpRttMicros},
     * {@code tcpRttvarMicros} and {@code pmtuBytes} are the kernel's TCP_INFO for the node's own
     * TCP sending streams in this interval (retransmitted segments and the congestion and send
     * windows summed over the streams, smoothed RTT and its variance averaged, the smallest path
     * MTU), in iperf3's units; absent for UDP, downloads, and nodes that cannot read TCP_INFO
     * ({@code sndWndBytes} also on kernels before 5.4).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Throughput(
            int second,
            double sentMbps,
            double receivedMbps,
            @Nullable Long lostPackets,
            @Nullable Double jitterMillis,
            @Nullable Double rttMillis,
            @Nullable Long retransmits,
            @Nullable Long sndCwndBytes,
            @Nullable Long sndWndBytes,
            @Nullable Long tcpRttMicros,
            @Nullable Long tcpRttvarMicros,
            @Nullable Long pmtuBytes)
            implements ProbeProgress {}

    /** A throughput run waiting for the node's throughput slot. */
    record Queued(boolean queued) implements ProbeProgress {}
}
