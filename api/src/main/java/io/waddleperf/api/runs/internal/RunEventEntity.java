package io.waddleperf.api.runs.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;
import org.springframework.data.domain.Persistable;

/**
 * One server-sent event of a run, kept so a subscriber on any replica, or one that joins late,
 * gets every event in order: {@code seq} counts per tier run (or single run), so a tier run's
 * stream interleaves its children's events in the order they happened.
 */
@Entity
@Table(name = "run_events")
class RunEventEntity implements Persistable<UUID> {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "org_id")
    private UUID orgId;

    @Column(name = "root_run_id")
    private UUID rootRunId;

    @Column(name = "run_id")
    private UUID runId;

    private long seq;
    private String event;

    /** A {@code state} event that ends its run. */
    private boolean terminal;

    /** The SSE data, JSON. */
    private String data;

    @Column(name = "created_at")
    private Instant createdAt;

    /**
     * Events are only ever inserted: without this Spring Data would take a new event with its id
     * for a stored one and read it back before each insert.
     */
    @Transient
    private boolean fresh;

    protected RunEventEntity() {}

    RunEventEntity(
            UUID id,
            UUID orgId,
            UUID rootRunId,
            UUID runId,
            long seq,
            String event,
            boolean terminal,
            String data,
            Instant createdAt) {
        this.id = id;
        this.orgId = orgId;
        this.rootRunId = rootRunId;
        this.runId = runId;
        this.seq = seq;
        this.event = event;
        this.terminal = terminal;
        this.data = data;
        this.createdAt = createdAt;
        this.fresh = true;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostPersist
    @PostLoad
    void stored() {
        fresh = false;
    }

    UUID runId() {
        return runId;
    }

    long seq() {
        return seq;
    }

    String event() {
        return event;
    }

    boolean terminal() {
        return terminal;
    }

    String data() {
        return data;
    }
}
