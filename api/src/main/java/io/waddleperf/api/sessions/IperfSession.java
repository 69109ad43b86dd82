package io.waddleperf.api.sessions;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One stored iperf3 session as the API shows it (docs/node-protocol.md, "iperf3 sessions"). The
 * figures are the node's; the location is the GeoIP database's for the client address at ingest
 * (private and loopback addresses have none).
 *
 * @param sessionId the node's name for it
 * @param direction {@code upload}, {@code download} or {@code bidir} from the client's side; null
 *     for refusals
 * @param protocol {@code tcp} or {@code udp}; null for refusals
 * @param outcome {@code ok}, {@code refused} or {@code error}
 * @param reason the refusal's reason ({@code busy}, {@code client-limit}, {@code not-allowed}),
 *     what failed, or {@code interrupted}; null for a clean end
 * @param runId the run the API dispatched that this session measured (a node's throughput probe
 *     against this node's iperf3 port); null for every other client
 */
public record IperfSession(
        UUID id,
        UUID nodeId,
        String sessionId,
        String clientAddress,
        int clientPort,
        @Nullable String countryCode,
        @Nullable String region,
        @Nullable String city,
        @Nullable Double latitude,
        @Nullable Double longitude,
        Instant startedAt,
        Instant endedAt,
        @Nullable String direction,
        @Nullable String protocol,
        int streams,
        long receivedBytes,
        long sentBytes,
        @Nullable Double uploadMbps,
        @Nullable Double downloadMbps,
        @Nullable Long retransmits,
        @Nullable Double jitterMillis,
        @Nullable Long lostPackets,
        @Nullable Long totalPackets,
        double durationSeconds,
        String outcome,
        @Nullable String reason,
        @Nullable String clientVersion,
        Instant receivedAt,
        @Nullable UUID runId) {}
