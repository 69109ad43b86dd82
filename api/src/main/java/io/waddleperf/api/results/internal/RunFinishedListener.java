package io.waddleperf.api.results.internal;

import io.waddleperf.api.runs.RunFinished;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores a run's result in the transaction that ends the run, so a run is never final without
 * its result, nor a result stored for a run that rolled back. A repeated event for the same run
 * (a redelivery, a retried transaction) finds the result and stores nothing. Publish it with the
 * run's organisation bound ({@code TenantContext.as}).
 */
@Component
class RunFinishedListener {

    private final ResultRecorder recorder;
    private final ResultStore store;
    private final EntityManager entityManager;

    RunFinishedListener(ResultRecorder recorder, ResultStore store, EntityManager entityManager) {
        this.recorder = recorder;
        this.store = store;
        this.entityManager = entityManager;
    }

    @EventListener
    void on(RunFinished event) {
        requireTenant(event.orgId());
        if (store.existsForRun(event.runId())) {
            return;
        }
        ResultDraft draft = new ResultDraft(
                event.orgId(),
                event.runId(),
                event.parentRunId(),
                event.testId(),
                event.nodeId(),
                truncate(event.nodeName(), 100),
                event.probeType(),
                truncate(event.target(), 2048),
                event.tier(),
                event.status(),
                truncate(event.reason(), 1000),
                event.startedAt(),
                event.finishedAt(),
                event.result() == null ? Map.of() : event.result(),
                event.samples() == null
                        ? List.of()
                        : event.samples().stream()
                                .map(s -> new ResultDraft.Sample(s.second(), s.values()))
                                .toList(),
                null,
                event.monitorId());
        recorder.insert(recorder.row(draft, recorder.thresholds(event.orgId(), event.tier())));
    }

    /**
     * Outside a transaction the result would not be atomic with the run's final state. The tier
     * profile is read in the publisher's session, whose tenant was fixed when it opened.
     * Published under another organisation or the platform scope, that read would see someone
     * else's profile; fail loudly instead of judging with the wrong thresholds.
     */
    private void requireTenant(UUID orgId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("RunFinished must be published inside the transaction that ends the run");
        }
        Object tenant = entityManager.unwrap(Session.class).getTenantIdentifierValue();
        if (!orgId.equals(tenant)) {
            throw new IllegalStateException("RunFinished for organisation " + orgId + " was published in a session of "
                    + tenant + "; publish it inside TenantContext.as(orgId, ...)");
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
