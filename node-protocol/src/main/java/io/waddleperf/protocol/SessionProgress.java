package io.waddleperf.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A running iperf3 session's latest interval, sent by the node once a second while the session
 * runs ({@code POST /api/v1/node/sessions/progress}) so the node page can draw it live.
 * Best effort: a lost update is not resent, the next one supersedes it; the finished session
 * arrives as a {@link SessionReport} with every interval.
 *
 * @param plannedSeconds the client's {@code -t}; 0 when the test ends by bytes or blocks
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionProgress(
        String sessionId,
        String clientAddress,
        int clientPort,
        Instant startedAt,
        SessionReport.Direction direction,
        SessionReport.Protocol protocol,
        int streams,
        int plannedSeconds,
        @Nullable String clientVersion,
        SessionInterval interval) {}
