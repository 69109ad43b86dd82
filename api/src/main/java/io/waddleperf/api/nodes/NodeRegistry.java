package io.waddleperf.api.nodes;

import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.nodes.internal.NodeReport;
import io.waddleperf.api.nodes.internal.NodeStore;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.api.shared.security.Secrets;
import io.waddleperf.protocol.NodeSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Enrols nodes with one-time tokens, authenticates their heartbeats and reports their status;
 * the nodes module's API.
 */
@Service
public class NodeRegistry {

    /** A node that misses this long without a heartbeat is offline (SPEC section 5). */
    public static final Duration OFFLINE_AFTER = Duration.ofSeconds(15);
    /** How often nodes are asked to report. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

    private final NodeStore store;
    private final Licensing licensing;
    private final AuditLog audit;
    private final Clock clock;

    NodeRegistry(NodeStore store, Licensing licensing, AuditLog audit, Clock clock) {
        this.store = store;
        this.licensing = licensing;
        this.audit = audit;
        this.clock = clock;
    }

    public record EnrollmentToken(String token, Instant expiresAt) {}

    public record Enrolled(UUID nodeId, UUID orgId, String credential, long heartbeatIntervalSeconds) {}

    public EnrollmentToken createEnrollmentToken(OrgPrincipal actor, Duration ttl) {
        String token = "wpe_" + Secrets.token();
        Instant expiresAt = now().plus(ttl);
        store.saveToken(actor.orgId(), Secrets.sha256(token), actor.userId(), now(), expiresAt);
        audit.record(AuditEntry.success(
                actor.orgId(), actor.userId(), actor.name(), "node.enrollment_token_created", "expires " + expiresAt));
        return new EnrollmentToken(token, expiresAt);
    }

    /**
     * Exchanges a valid, unused token for a node credential. A retry with the same
     * {@code Idempotency-Key} after a lost answer gets the same node again. Only a new node counts
     * against {@code max_servers}: a retry is recognised first, since its node is already counted
     * and refusing it at the limit would strand a node that did enrol.
     */
    public Enrolled enroll(String token, @Nullable String idempotencyKey, NodeReport report) {
        String credential = "wpn_" + Secrets.token();
        String keyHash = idempotencyKey == null || idempotencyKey.isBlank() ? null : Secrets.sha256(idempotencyKey);
        Node node = store.enroll(
                        Secrets.sha256(token),
                        Secrets.sha256(credential),
                        keyHash,
                        report,
                        now(),
                        () -> licensing.requireRoomFor(Licensing.Limit.MAX_SERVERS, store.countActive()))
                .orElseThrow(() -> new Refused(
                        Refused.Kind.NOT_AUTHENTICATED,
                        "invalid-enrollment-token",
                        "Enrolment refused",
                        "The enrolment token is unknown, expired or already used; create a new one"));
        audit.record(AuditEntry.success(
                node.orgId(),
                null,
                "node:" + report.name(),
                "node.enrolled",
                node.id().toString()));
        return new Enrolled(node.id(), node.orgId(), credential, HEARTBEAT_INTERVAL.toSeconds());
    }

    /**
     * The node a node credential belongs to, for node calls other than the heartbeat (which also
     * reports); 401 for an unknown or revoked credential.
     */
    public Node authenticate(String credential) {
        return store.authenticate(Secrets.sha256(credential))
                .orElseThrow(() -> new Refused(
                        Refused.Kind.NOT_AUTHENTICATED,
                        "invalid-node-credential",
                        "Unknown node",
                        "The node credential is unknown or the node was revoked; enrol again"));
    }

    /**
     * Records a heartbeat and what the node says about its settings ({@code appliedSettings}, the
     * version it runs; {@code rejection}, a version it refused); answers the node and the settings
     * to push to it, if it is behind.
     */
    public NodeStore.Beat heartbeat(
            String credential, NodeReport report, long appliedSettings, NodeSettings.@Nullable Rejection rejection) {
        return store.heartbeat(Secrets.sha256(credential), report, appliedSettings, rejection, now())
                .orElseThrow(() -> new Refused(
                        Refused.Kind.NOT_AUTHENTICATED,
                        "invalid-node-credential",
                        "Unknown node",
                        "The node credential is unknown or the node was revoked; enrol again"));
    }

    /** Nodes of the current organisation. */
    public List<Node> list() {
        return store.list();
    }

    public Node get(UUID nodeId) {
        return store.find(nodeId).orElseThrow(() -> new NotFound("Node"));
    }

    /**
     * The address the API saw the node's enrolment or latest heartbeat come from (trusted-proxy
     * aware), for placing it on a map; empty when unknown. Not part of {@link Node}: the nodes API
     * does not show it.
     */
    public Optional<String> seenAddress(UUID nodeId) {
        return store.seenAddress(nodeId);
    }

    public Node revoke(OrgPrincipal actor, UUID nodeId) {
        Node node = store.revoke(nodeId, now()).orElseThrow(() -> new NotFound("Node"));
        audit.record(AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "node.revoked", node.name()));
        return node;
    }

    /** Marks nodes offline that have been silent longer than {@link #OFFLINE_AFTER} before {@code now}. */
    public int markSilentNodesOffline(Instant now) {
        return store.markOffline(now.minus(OFFLINE_AFTER));
    }

    public long countActive() {
        return store.countActive();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
