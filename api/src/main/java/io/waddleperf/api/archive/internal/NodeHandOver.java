package io.waddleperf.api.archive.internal;

import io.waddleperf.api.archive.ArtefactView;
import io.waddleperf.api.runs.RunView;
import io.waddleperf.api.runs.Runs;
import io.waddleperf.api.shared.errors.Conflict;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.api.shared.tenant.TenantContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes an artefact from the node that ran the run. A run of another node, of another organisation,
 * a tier run (it has no node) or no run at all is the same 404, so a node learns nothing about runs
 * that are not its own. The artefact is spooled and recorded in one short transaction of its own:
 * it arrives before the run ends and is durable from the moment the node gets its 201.
 */
@Component
public class NodeHandOver {

    private final Runs runs;
    private final ArtefactOutbox outbox;
    private final ArtefactStore store;
    private final TransactionTemplate transactions;
    private final ArchiveProperties properties;
    private final Clock clock;

    NodeHandOver(
            Runs runs,
            ArtefactOutbox outbox,
            ArtefactStore store,
            TransactionTemplate transactions,
            ArchiveProperties properties,
            Clock clock) {
        this.runs = runs;
        this.outbox = outbox;
        this.store = store;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    public long maxBytes() {
        return properties.maxArtefactSize().toBytes();
    }

    public ArtefactView accept(UUID orgId, UUID nodeId, UUID runId, String name, String contentType, byte[] content) {
        if (!ArtefactKeys.validName(name)) {
            throw Refused.invalid(
                    "invalid-artefact-name",
                    "An artefact name is 1 to 100 of a-z, 0-9, '.', '_', '-', starts with a letter or digit and"
                            + " has no '..'");
        }
        RunView run = TenantContext.as(orgId, () -> {
                    try {
                        return Optional.of(runs.get(runId));
                    } catch (NotFound e) {
                        return Optional.<RunView>empty();
                    }
                })
                .filter(found -> nodeId.equals(found.nodeId()))
                .orElseThrow(() -> new NotFound("Run"));
        ArtefactOutbox.Accepted accepted = TenantContext.as(
                orgId,
                () -> transactions.execute(status -> outbox.accept(
                        orgId,
                        runId,
                        run.createdAt(),
                        run.finishedAt() == null ? clock.instant() : run.finishedAt(),
                        name,
                        contentType.length() > 100 ? "application/octet-stream" : contentType,
                        content)));
        return switch (accepted) {
            case SPOOLED ->
                store.forRuns(orgId, List.of(runId)).stream()
                        .filter(row -> row.name().equals(name))
                        .findFirst()
                        .orElseThrow()
                        .view();
            case DUPLICATE -> throw new Conflict("artefact-exists", "Run " + runId + " already has " + name);
            case SPOOL_FULL, SPOOL_FAILED ->
                throw new Refused(
                        Refused.Kind.UNAVAILABLE,
                        "archive-unavailable",
                        "Archive unavailable",
                        "The archive cannot take artefacts right now; retry later");
        };
    }
}
