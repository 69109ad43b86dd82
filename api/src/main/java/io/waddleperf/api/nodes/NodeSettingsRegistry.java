package io.waddleperf.api.nodes;

import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.nodes.internal.NodeSettingsStore;
import io.waddleperf.api.shared.database.RetryOnConflict;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.protocol.NodeSettings;
import io.waddleperf.protocol.Violation;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Node settings MAINTAINERs and ADMINs change (SPEC section 3): the iperf3 server's allowlist, idle
 * timeout and capacity, and the region and labels monitors select the node by. Stored versioned;
 * the node gets them in its next heartbeat answer (docs/node-protocol.md).
 */
@Service
public class NodeSettingsRegistry {

    private final NodeRegistry nodes;
    private final NodeSettingsStore store;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Clock clock;

    NodeSettingsRegistry(
            NodeRegistry nodes,
            NodeSettingsStore store,
            TransactionTemplate transactions,
            AuditLog audit,
            Clock clock) {
        this.nodes = nodes;
        this.store = store;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /** What may be set; every field {@code null} leaves the node's own configuration. */
    public record Change(
            @Nullable List<String> allowlist,
            @Nullable Integer idleTimeoutSeconds,
            @Nullable Integer capacity,
            @Nullable String region,
            @Nullable List<String> labels) {}

    /** The node's settings; 404 for a node of another organisation. */
    public NodeSettingsStatus get(UUID orgId, UUID nodeId) {
        nodes.get(nodeId);
        return store.find(orgId, nodeId).orElseGet(() -> NodeSettingsStatus.unset(nodeId));
    }

    /**
     * Replaces the node's settings with a new version after checking every field with the rules
     * nodes apply (400 listing each bad field).
     */
    @RetryOnConflict
    public NodeSettingsStatus update(OrgPrincipal actor, UUID nodeId, Change change) {
        Node node = nodes.get(nodeId);
        NodeSettings settings = new NodeSettings(
                0,
                change.allowlist(),
                change.idleTimeoutSeconds(),
                change.capacity(),
                change.region(),
                change.labels());
        List<Violation> violations = settings.check();
        if (!violations.isEmpty()) {
            throw new InvalidInput(
                    Violation.describe(violations),
                    violations.stream()
                            .map(v -> new FieldError(v.field(), v.message()))
                            .toList());
        }
        NodeSettingsStatus saved = transactions.execute(status -> store.put(
                actor.orgId(), nodeId, settings, actor.name(), clock.instant().truncatedTo(ChronoUnit.MICROS)));
        audit.record(AuditEntry.success(
                actor.orgId(),
                actor.userId(),
                actor.name(),
                "node.settings_changed",
                node.name() + " version " + saved.version()));
        return saved;
    }
}
