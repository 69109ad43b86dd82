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
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Throughput(
            int second,
            double sentMbps,
            double receivedMbps,
            @Nullable Long lostPackets,
            @Nullable Double jitterMillis,
            @Nullable Double rttMillis)
            implements ProbeProgress {}

    /** A throughput run waiting for the node's throughput slot. */
    record Queued(boolean queued) implements ProbeProgress {}
}
