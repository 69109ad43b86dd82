package io.waddleperf.api.runs.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * One server-sent event of a run, kept so a subscriber on any replica, or one that joins late,
 * gets every event in order: {@code seq} counts per tier run (or single run), so a tier run's
 * stream interleaves its children's events in the order they happened.
 */
@Entity
@Table(name = "run_events")
class RunEventEntity {

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
