package io.waddleperf.api.sessions.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.sessions.internal.IperfSessions;
import io.waddleperf.api.sessions.internal.IperfSessions.Ingested;
import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.protocol.SessionBatch;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Called by nodes with their credential: the sessions their iperf3 server ran, finished ones in
 * batches and live progress once a second (docs/node-protocol.md). Both are safe to repeat.
 */
@RestController
@RequestMapping("/api/v1/node/sessions")
@Tag(name = "Node agent")
class SessionAgentController {

    private final IperfSessions sessions;

    SessionAgentController(IperfSessions sessions) {
        this.sessions = sessions;
    }

    record ProgressAccepted(int received) {}

    @Operation(summary = "Report finished iperf3 sessions (accepted or refused); each session id is stored once")
    @PostMapping
    Ingested report(
            @RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
            @RequestBody SessionBatch batch) {
        return sessions.ingest(credential(authorization), batch);
    }

    @Operation(summary = "Report the latest interval of each running iperf3 session, for the live graph")
    @PostMapping("/progress")
    ProgressAccepted progress(
            @RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
            @RequestBody SessionBatch batch) {
        return new ProgressAccepted(sessions.progress(credential(authorization), batch));
    }

    private static String credential(@Nullable String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new Refused(
                    Refused.Kind.NOT_AUTHENTICATED,
                    "invalid-node-credential",
                    "Unknown node",
                    "Send the node credential as Authorization: Bearer <credential>");
        }
        return authorization.substring(7).strip();
    }
}
