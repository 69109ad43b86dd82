package io.waddleperf.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One reporting interval (normally a second) of an iperf3 session as the node measured it: what a
 * live graph draws and what a finished session keeps.
 *
 * @param second seconds since the session's streams started, at the interval's end
 * @param uploadMbps what the node received in the interval (client to node)
 * @param downloadMbps what the node sent in the interval (node to client)
 * @param retransmits the node's {@code TCP_INFO} retransmits on the streams it sends; null when it
 *     sends nothing, for UDP, and where {@code TCP_INFO} cannot be read
 * @param jitterMillis UDP jitter where the node receives; null otherwise
 * @param lostPackets UDP datagrams lost in the interval where the node receives; null otherwise
 * @param omitted whether the interval lies in the {@code -O} warm-up
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionInterval(
        double second,
        double uploadMbps,
        double downloadMbps,
        @Nullable Long retransmits,
        @Nullable Double jitterMillis,
        @Nullable Long lostPackets,
        boolean omitted) {}
