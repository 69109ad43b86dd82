package io.waddleperf.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One iperf3 session on a node's public iperf3 port, accepted or refused, as the node reports it
 * to the API ({@code POST /api/v1/node/sessions}). Any client counts, not only runs the API
 * dispatched: a stock {@code iperf3 -c node} is the point. Figures are the node's (the iperf3
 * server's) measurements; rates are receiver-side, as iperf3 reports them.
 *
 * @param sessionId chosen by the node, unique per session; a retried batch repeats it, so the API
 *     stores each session once
 * @param endedAt when the session ended; the refusal time for a refused one
 * @param direction from the client's side: {@code upload} (iperf3's default, client to node),
 *     {@code download} ({@code -R}), {@code bidir} ({@code --bidir}); null when the session ended
 *     before the client said (refused, or failed during negotiation)
 * @param protocol null as {@code direction}
 * @param streams parallel streams per direction ({@code -P})
 * @param receivedBytes what the node received over the measured time
 * @param sentBytes what the node sent over the measured time
 * @param uploadMbps client-to-node rate as the node received it; null when nothing went that way
 * @param downloadMbps node-to-client rate as the client received it (the node's count when the
 *     client did not say); null when nothing went that way
 * @param retransmits TCP segments the senders retransmitted: the node's {@code TCP_INFO} for what
 *     it sent, the client's count from iperf3's results exchange for what the client sent; null
 *     for UDP and when no sender could tell
 * @param jitterMillis UDP receive jitter where the node received; null otherwise
 * @param lostPackets UDP datagrams lost on the way to the node; null otherwise
 * @param totalPackets UDP datagrams the node expected (highest sequence number seen); null otherwise
 * @param durationSeconds measured time (after the {@code -O} warm-up); 0 for a refusal
 * @param reason why a session was refused ({@code busy}, {@code client-limit}, {@code
 *     not-allowed}) or what went wrong for {@code error}; null for {@code ok}
 * @param clientVersion what the client said it is (iperf3's {@code client_version}); null when not said
 * @param intervals the node's per-second figures over the session
 * @param runId the API's run the session belongs to, when the client named one in iperf3's
 *     {@code extra_data} as {@link #RUN_EXTRA_DATA_PREFIX} and the run id (a node's throughput
 *     probe does); null for outside clients. Any client can write this, so the API keeps it only
 *     for a throughput run of the node's own organisation
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionReport(
        String sessionId,
        String clientAddress,
        int clientPort,
        Instant startedAt,
        Instant endedAt,
        @Nullable Direction direction,
        @Nullable Protocol protocol,
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
        Outcome outcome,
        @Nullable String reason,
        @Nullable String clientVersion,
        @Nullable List<SessionInterval> intervals,
        @Nullable String runId) {

    /** What a node's iperf3 client puts before the API's run id in iperf3's {@code extra_data}. */
    public static final String RUN_EXTRA_DATA_PREFIX = "waddleperf-run:";

    public SessionReport {
        intervals = intervals == null ? List.of() : List.copyOf(intervals);
    }

    /** The run id in a client's {@code extra_data}, or null when it names none (or a malformed one). */
    public static @Nullable String runIdIn(@Nullable String extraData) {
        if (extraData == null || !extraData.startsWith(RUN_EXTRA_DATA_PREFIX)) {
            return null;
        }
        String id = extraData.substring(RUN_EXTRA_DATA_PREFIX.length());
        return id.matches(RunSpec.RUN_ID_REGEX) ? id : null;
    }

    /** What the client asked for, from its side. */
    public enum Direction {
        @JsonProperty("upload")
        UPLOAD,
        @JsonProperty("download")
        DOWNLOAD,
        @JsonProperty("bidir")
        BIDIR;

        public String wire() {
            return this == BIDIR ? "bidir" : name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Protocol {
        @JsonProperty("tcp")
        TCP,
        @JsonProperty("udp")
        UDP;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * {@code ok}: the test ran to its end (or the client interrupted it, reason {@code
     * interrupted}); {@code refused}: turned away before it began (iperf3's ACCESS_DENIED);
     * {@code error}: it began and failed.
     */
    public enum Outcome {
        @JsonProperty("ok")
        OK,
        @JsonProperty("refused")
        REFUSED,
        @JsonProperty("error")
        ERROR;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
