package io.waddleperf.api.monitors.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.monitors.Monitor;
import io.waddleperf.api.monitors.Monitor.VantagePoint;
import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.runs.RunView;
import io.waddleperf.api.runs.Runs;
import io.waddleperf.api.shared.database.RetryOnConflict;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.license.WaddlePerfFeature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one due slot of one monitor: claims it, and in the same short transaction stores the
 * round and one tier-1 run per online vantage node. Exactly one replica's claim of a slot
 * succeeds (a versioned UPDATE; on Galera the loser fails certification and its retry sees the
 * new version), and the round's primary key (monitor, slot) would refuse a second one anyway.
 */
@Component
public class MonitorRounds {

    private final MonitorStore store;
    private final NodeRegistry nodes;
    private final Runs runs;
    private final Licensing licensing;
    private final TransactionTemplate transactions;

    MonitorRounds(
            MonitorStore store, NodeRegistry nodes, Runs runs, Licensing licensing, TransactionTemplate transactions) {
        this.store = store;
        this.nodes = nodes;
        this.runs = runs;
        this.licensing = licensing;
        this.transactions = transactions;
    }

    /**
     * What became of a slot this replica claimed.
     *
     * @param probeRunIds to dispatch once committed; empty when the slot was skipped or no vantage
     *     node was online
     * @param skipped why no round ran (outside the active window, not licensed), else null
     */
    public record Fired(
            UUID monitorId,
            UUID orgId,
            Instant dueAt,
            Instant dispatchedAt,
            boolean late,
            int missedSlots,
            List<UUID> probeRunIds,
            String skipped) {}

    /** Claims and runs {@code due} at {@code now}; empty when another replica had it first. */
    @RetryOnConflict
    public Optional<Fired> fire(MonitorStore.Due due, Instant now, String replica) {
        return TenantContext.as(
                due.orgId(),
                () -> Optional.ofNullable(transactions.execute(status -> {
                    MonitorStore.Row row = due.row();
                    Monitor monitor = row.monitor();
                    Slots slots = MonitorWrites.slots(monitor.schedule(), row.anchorAt());
                    // Slots missed while no replica ran are not replayed: this one round stands for them.
                    int missed = slots.missedAfter(due.dueAt(), now);
                    if (!store.claim(due, slots.after(now), now)) {
                        return null;
                    }
                    boolean late = missed > 0;
                    if (!licensing.entitled(WaddlePerfFeature.AUTOPERF)) {
                        return new Fired(
                                monitor.id(), due.orgId(), due.dueAt(), now, late, missed, List.of(), "not licensed");
                    }
                    if (!Slots.active(monitor.activeWindow(), due.dueAt())) {
                        return new Fired(
                                monitor.id(),
                                due.orgId(),
                                due.dueAt(),
                                now,
                                late,
                                missed,
                                List.of(),
                                "outside the active window");
                    }
                    List<UUID> runIds = new ArrayList<>();
                    List<UUID> probeRunIds = new ArrayList<>();
                    for (Node node : vantageNodes(due.orgId(), monitor)) {
                        Runs.MonitorRun run = runs.createMonitorRun(
                                due.orgId(),
                                monitor.id(),
                                1,
                                monitor.target(),
                                monitor.probes(),
                                node.id(),
                                monitor.udpEchoPort(),
                                monitor.iperfPort(),
                                null);
                        runIds.add(run.runId());
                        probeRunIds.addAll(run.probeRunIds());
                    }
                    store.insertRound(new MonitorStore.Round(
                            monitor.id(), due.orgId(), due.dueAt(), now, late, missed, runIds, replica));
                    return new Fired(monitor.id(), due.orgId(), due.dueAt(), now, late, missed, probeRunIds, null);
                })));
    }

    /**
     * Starts tier {@code tier} of {@code monitorId} on {@code nodeId} because of {@code cause},
     * unless the monitor escalated to that tier within its cooldown (or is gone or paused): the
     * cooldown's claim and the run commit together. Answers the probe runs to dispatch.
     */
    @RetryOnConflict
    public Optional<Runs.MonitorRun> escalate(
            UUID orgId, UUID monitorId, int tier, UUID nodeId, RunView.Escalation cause, Instant now) {
        return TenantContext.as(
                orgId,
                () -> Optional.ofNullable(transactions.execute(status -> {
                    MonitorStore.Row row = store.find(orgId, monitorId).orElse(null);
                    if (row == null || !row.monitor().enabled() || !store.claimEscalation(monitorId, tier, now)) {
                        return null;
                    }
                    Monitor monitor = row.monitor();
                    return runs.createMonitorRun(
                            orgId,
                            monitorId,
                            tier,
                            monitor.target(),
                            null,
                            nodeId,
                            monitor.udpEchoPort(),
                            monitor.iperfPort(),
                            cause);
                })));
    }

    /**
     * An organisation's nodes as a round saw them, for {@link #NODES_FRESH_FOR}: its monitors' rounds
     * fall due many a second, and each read all its nodes (4 % of the API's CPU in the AutoPerf
     * benchmark). A node that went offline within that time is caught by the dispatch, which
     * fails the run over or fails it, as for a node lost a moment after the round.
     */
    static final Duration NODES_FRESH_FOR = Duration.ofSeconds(1);

    private final Cache<UUID, List<Node>> recentNodes =
            Caffeine.newBuilder().expireAfterWrite(NODES_FRESH_FOR).build();

    private List<Node> orgNodes(UUID orgId) {
        return recentNodes.get(orgId, org -> List.copyOf(nodes.list()));
    }

    /** Every online node of the organisation that matches any vantage point, each once. */
    private List<Node> vantageNodes(UUID orgId, Monitor monitor) {
        List<Node> matching = new ArrayList<>();
        for (Node node : orgNodes(orgId)) {
            if (node.status() == Node.Status.ONLINE
                    && monitor.vantage().stream().anyMatch(point -> matches(point, node))) {
                matching.add(node);
            }
        }
        return matching;
    }

    private static boolean matches(VantagePoint point, Node node) {
        if (point.nodeId() != null) {
            return point.nodeId().equals(node.id());
        }
        if (point.region() != null) {
            return point.region().equals(node.region());
        }
        return point.label() != null && node.labels().contains(point.label());
    }
}
