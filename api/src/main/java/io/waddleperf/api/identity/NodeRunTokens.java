package io.waddleperf.api.identity;

import io.waddleperf.api.identity.internal.RunTokenIssuer;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Per-run tokens for the node control API (docs/node-protocol.md): RS256 with the API's signing
 * key, {@code aud} {@value #AUDIENCE}, claims {@code run} and {@code node}, and an expiry no more
 * than {@link #MAX_LIFETIME} ahead, which nodes enforce.
 */
@Service
public class NodeRunTokens {

    public static final String AUDIENCE = "waddleperf-node";
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(15);

    private final RunTokenIssuer issuer;
    private final Clock clock;

    NodeRunTokens(RunTokenIssuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    /** A token good for one run on one node; a longer {@code ttl} is cut to {@link #MAX_LIFETIME}. */
    public String issue(UUID runId, UUID nodeId, Duration ttl) {
        Duration lifetime = ttl.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : ttl;
        var now = clock.instant();
        return issuer.sign(AUDIENCE, runId, nodeId, now, now.plus(lifetime));
    }
}
