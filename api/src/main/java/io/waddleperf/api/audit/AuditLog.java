package io.waddleperf.api.audit;

import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.api.shared.web.ClientAddress;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Records and lists audit events; the audit module's API. */
@Service
public class AuditLog {

    private final AuditEventRepository events;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    AuditLog(AuditEventRepository events, Clock clock, PlatformTransactionManager transactions) {
        this.events = events;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Writes the event in its own short transaction, so a failure that rolls back the caller's
     * work (a rejected sign-in, say) is still on record.
     */
    public void record(AuditEntry entry) {
        AuditEvent event = new AuditEvent(
                Ids.newId(),
                entry.orgId(),
                entry.actorId(),
                entry.actor(),
                entry.action(),
                entry.target(),
                entry.outcome(),
                ClientAddress.current(),
                entry.details(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        // The event names its own organisation; the platform scope lets it be written from
        // sign-in and other paths that run before a tenant is chosen.
        TenantContext.asPlatform(() -> ownTransaction.execute(status -> events.save(new AuditEventEntity(event))));
    }

    /** The current organisation's events, newest first. */
    @Transactional(readOnly = true)
    public Page<AuditEvent> page(int page, int size) {
        return events.findAllByOrderByCreatedAtDescIdDesc(PageRequest.of(page, size))
                .map(AuditEventEntity::toEvent);
    }
}
