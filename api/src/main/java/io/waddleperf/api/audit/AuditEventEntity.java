package io.waddleperf.api.audit;

import io.waddleperf.api.audit.AuditEvent.Outcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

@Entity
@Table(name = "audit_events")
class AuditEventEntity {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "org_id")
    private UUID orgId;

    @Column(name = "actor_id")
    private UUID actorId;

    private String actor;
    private String action;
    private String target;

    @Enumerated(EnumType.STRING)
    private Outcome outcome;

    private String ip;
    private String details;

    @Column(name = "created_at")
    private Instant createdAt;

    protected AuditEventEntity() {}

    AuditEventEntity(AuditEvent event) {
        this.id = event.id();
        this.orgId = event.orgId();
        this.actorId = event.actorId();
        this.actor = event.actor();
        this.action = event.action();
        this.target = event.target();
        this.outcome = event.outcome();
        this.ip = event.ip();
        this.details = event.details();
        this.createdAt = event.createdAt();
    }

    AuditEvent toEvent() {
        return new AuditEvent(id, orgId, actorId, actor, action, target, outcome, ip, details, createdAt);
    }
}
