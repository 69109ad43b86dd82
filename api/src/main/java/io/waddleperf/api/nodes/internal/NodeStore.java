package io.waddleperf.api.nodes.internal;

import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.protocol.NodeSettings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Persistence for the registry. Node-facing calls (enrol, heartbeat) arrive without an
 * organisation: the token or credential names it, so they look up in the platform scope.
 */
@Component
public class NodeStore {

    private final NodeRepository nodes;
    private final EnrollmentTokenRepository tokens;
    private final TransactionTemplate transactions;
    private final NodeSettingsStore settings;

    NodeStore(
            NodeRepository nodes,
            EnrollmentTokenRepository tokens,
            TransactionTemplate transactions,
            NodeSettingsStore settings) {
        this.nodes = nodes;
        this.tokens = tokens;
        this.transactions = transactions;
        this.settings = settings;
    }

    public void saveToken(UUID orgId, String hash, @Nullable UUID createdBy, Instant now, Instant expiresAt) {
        transactions.executeWithoutResult(
                status -> tokens.save(new EnrollmentTokenEntity(Ids.newId(), orgId, hash, createdBy, now, expiresAt)));
    }

    /** How long a retry with the same idempotency key may repeat a completed enrolment. */
    static final java.time.Duration RETRY_WINDOW = java.time.Duration.ofMinutes(10);

    /**
     * Spends the token on a new node. A retry of a completed enrolment (same token, same
     * idempotency key, within {@link #RETRY_WINDOW}) gets the same node with a new credential,
     * because the first answer, and with it the only copy of the credential, was lost.
     */
    /**
     * Claims the token for a new node, or recognises a retry of the enrolment that claimed it.
     *
     * @param requireRoom runs before a new node is created (never for a retry), and refuses by
     *     throwing
     */
    public Optional<Node> enroll(
            String tokenHash,
            String credentialHash,
            @Nullable String keyHash,
            NodeReport report,
            Instant now,
            Runnable requireRoom) {
        return TenantContext.asPlatform(() -> transactions.execute(status -> {
            Optional<EnrollmentTokenEntity> token = tokens.findByTokenHash(tokenHash);
            if (token.isEmpty()) {
                return Optional.<Node>empty();
            }
            EnrollmentTokenEntity found = token.get();
            if (found.usedAt() != null) {
                boolean retry = keyHash != null
                        && keyHash.equals(found.idempotencyKeyHash())
                        && found.usedAt().plus(RETRY_WINDOW).isAfter(now);
                return retry
                        ? nodes.findById(found.nodeId())
                                .filter(node -> node.status() != Node.Status.REVOKED)
                                .map(node -> {
                                    node.replaceCredential(credentialHash);
                                    return node.toNode();
                                })
                        : Optional.<Node>empty();
            }
            requireRoom.run();
            UUID nodeId = Ids.newId();
            if (tokens.claim(tokenHash, nodeId, keyHash, now) != 1) {
                return Optional.<Node>empty();
            }
            return Optional.of(nodes.save(new NodeEntity(nodeId, token.get().orgId(), credentialHash, report, now))
                    .toNode());
        }));
    }

    public boolean tokenExists(String hash) {
        return TenantContext.asPlatform(() ->
                transactions.execute(status -> tokens.findByTokenHash(hash).isPresent()));
    }

    /** The node holding this credential, unless revoked; changes nothing. */
    public Optional<Node> authenticate(String credentialHash) {
        return TenantContext.asPlatform(() -> transactions.execute(status -> nodes.findByCredentialHash(credentialHash)
                .filter(node -> node.status() != Node.Status.REVOKED)
                .map(NodeEntity::toNode)));
    }

    /** A heartbeat's outcome: the node as recorded, and the settings to push to it, if any. */
    public record Beat(Node node, @Nullable NodeSettings push) {}

    /**
     * Records a heartbeat together with what the node says about its settings, in one
     * transaction: the node's region and labels are its settings' where those set them.
     */
    public Optional<Beat> heartbeat(
            String credentialHash,
            NodeReport report,
            long appliedSettings,
            NodeSettings.@Nullable Rejection rejection,
            Instant now) {
        return TenantContext.asPlatform(() -> transactions.execute(status -> nodes.findByCredentialHash(credentialHash)
                .filter(node -> node.status() != Node.Status.REVOKED)
                .map(node -> {
                    node.apply(report, now);
                    NodeSettingsStore.Pushed pushed =
                            settings.acknowledge(node.orgId(), node.id(), appliedSettings, rejection, now);
                    if (pushed.current() != null) {
                        node.select(pushed.current().region(), pushed.current().labels());
                    }
                    return new Beat(node.toNode(), pushed.settings());
                })));
    }

    public List<Node> list() {
        return transactions.execute(status ->
                nodes.findAllByOrderByNameAsc().stream().map(NodeEntity::toNode).toList());
    }

    public Optional<Node> find(UUID nodeId) {
        return transactions.execute(status -> nodes.findById(nodeId).map(NodeEntity::toNode));
    }

    /** The address the node's enrolment or latest heartbeat came from, when known. */
    public Optional<String> seenAddress(UUID nodeId) {
        return transactions.execute(status -> nodes.findById(nodeId).map(NodeEntity::seenAddress));
    }

    public Optional<Node> revoke(UUID nodeId, Instant now) {
        return transactions.execute(status -> nodes.findById(nodeId).map(node -> {
            node.revoke(now);
            return node.toNode();
        }));
    }

    public int markOffline(Instant before) {
        return TenantContext.asPlatform(() -> transactions.execute(status -> nodes.markOffline(before)));
    }

    public long countActive() {
        return TenantContext.asPlatform(
                () -> transactions.execute(status -> nodes.countByStatusNot(Node.Status.REVOKED)));
    }
}
