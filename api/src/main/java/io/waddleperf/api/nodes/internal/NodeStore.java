package io.waddleperf.api.nodes.internal;

import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.tenant.TenantContext;
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

    NodeStore(NodeRepository nodes, EnrollmentTokenRepository tokens, TransactionTemplate transactions) {
        this.nodes = nodes;
        this.tokens = tokens;
        this.transactions = transactions;
    }

    public void saveToken(UUID orgId, String hash, @Nullable UUID createdBy, Instant now, Instant expiresAt) {
        transactions.executeWithoutResult(
                status -> tokens.save(new EnrollmentTokenEntity(Ids.newId(), orgId, hash, createdBy, now, expiresAt)));
    }

    public Optional<Node> enroll(String tokenHash, String credentialHash, NodeReport report, Instant now) {
        return TenantContext.asPlatform(() -> transactions.execute(status -> {
            Optional<EnrollmentTokenEntity> token = tokens.findByTokenHash(tokenHash);
            if (token.isEmpty()) {
                return Optional.<Node>empty();
            }
            UUID nodeId = Ids.newId();
            if (tokens.claim(tokenHash, nodeId, now) != 1) {
                return Optional.<Node>empty();
            }
            return Optional.of(nodes.save(new NodeEntity(nodeId, token.get().orgId(), credentialHash, report, now))
                    .toNode());
        }));
    }

    public Optional<Node> heartbeat(String credentialHash, NodeReport report, Instant now) {
        return TenantContext.asPlatform(() -> transactions.execute(status -> nodes.findByCredentialHash(credentialHash)
                .filter(node -> node.status() != Node.Status.REVOKED)
                .map(node -> {
                    node.apply(report, now);
                    return node.toNode();
                })));
    }

    public List<Node> list() {
        return transactions.execute(status ->
                nodes.findAllByOrderByNameAsc().stream().map(NodeEntity::toNode).toList());
    }

    public Optional<Node> find(UUID nodeId) {
        return transactions.execute(status -> nodes.findById(nodeId).map(NodeEntity::toNode));
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
