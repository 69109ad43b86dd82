package io.waddleperf.api.runs.internal;

import io.waddleperf.api.runs.RunStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "runs")
class RunEntity {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "org_id")
    private UUID orgId;

    @Column(name = "parent_run_id")
    private UUID parentRunId;

    /** The run itself, or its tier run: event sequence numbers are allocated on this row. */
    @Column(name = "root_run_id")
    private UUID rootRunId;

    @Column(name = "test_id")
    private UUID testId;

    @Column(name = "test_name")
    private String testName;

    private Integer tier;

    @Column(name = "probe_type")
    private String probeType;

    private String target;

    /** JSON object. */
    private String params;

    /** JSON object. */
    @Column(name = "node_selector")
    private String nodeSelector;

    @Column(name = "node_id")
    private UUID nodeId;

    @Column(name = "node_name")
    private String nodeName;

    @Column(name = "node_url")
    private String nodeUrl;

    @Enumerated(EnumType.STRING)
    private RunStatus status;

    private String reason;
    private int attempts;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "dispatched_at")
    private Instant dispatchedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "deadline_at")
    private Instant deadlineAt;

    /** The node's result object, JSON. */
    private String result;

    @Column(name = "last_event_seq")
    private long lastEventSeq;

    @Column(name = "monitor_id")
    private UUID monitorId;

    private String escalation;

    /**
     * A wrapper, not a {@code long}: Spring Data tells a new entity by a null version, and with a
     * primitive it would take every new run for a stored one and read it back before inserting.
     */
    @Version
    private @Nullable Long version;

    protected RunEntity() {}

    RunEntity(
            UUID id,
            UUID orgId,
            UUID parentRunId,
            UUID rootRunId,
            UUID testId,
            String testName,
            Integer tier,
            String probeType,
            String target,
            String params,
            String nodeSelector,
            Instant createdAt,
            Instant deadlineAt) {
        this.id = id;
        this.orgId = orgId;
        this.parentRunId = parentRunId;
        this.rootRunId = rootRunId;
        this.testId = testId;
        this.testName = testName;
        this.tier = tier;
        this.probeType = probeType;
        this.target = target;
        this.params = params;
        this.nodeSelector = nodeSelector;
        this.status = RunStatus.PENDING;
        this.createdAt = createdAt;
        this.deadlineAt = deadlineAt;
    }

    /** Marks the run as started by a monitor's round (before it is first saved). */
    RunEntity startedBy(UUID monitor) {
        this.monitorId = monitor;
        return this;
    }

    UUID monitorId() {
        return monitorId;
    }

    /** Records why AutoPerf escalated to this run (JSON), before it is first saved. */
    RunEntity escalatedBecause(String cause) {
        this.escalation = cause;
        return this;
    }

    String escalation() {
        return escalation;
    }

    /** Moves to {@code next} if the state machine allows it; false (and no change) otherwise. */
    boolean moveTo(RunStatus next, String reason, Instant at) {
        if (!status.canMoveTo(next)) {
            return false;
        }
        this.status = next;
        if (reason != null) {
            this.reason = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        }
        switch (next) {
            case DISPATCHED -> this.dispatchedAt = at;
            case RUNNING -> this.startedAt = at;
            case PENDING -> {}
            default -> this.finishedAt = at;
        }
        return true;
    }

    /**
     * Takes the node's own start time (its Started event) when it is plausible: not before the run
     * was dispatched and not after it was received, give or take a clock's small skew. A node whose
     * clock is off keeps the API's time.
     */
    void startedOnNode(@Nullable Instant onNode) {
        if (onNode == null || startedAt == null) {
            return;
        }
        Instant earliest = (dispatchedAt == null ? createdAt : dispatchedAt).minusSeconds(2);
        if (!onNode.isBefore(earliest) && !onNode.isAfter(startedAt.plusSeconds(2))) {
            this.startedAt = onNode.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        }
    }

    void extendDeadline(java.time.Duration by) {
        this.deadlineAt = deadlineAt.plus(by);
    }

    void assignNode(UUID nodeId, String nodeName, String nodeUrl) {
        this.nodeId = nodeId;
        this.nodeName = nodeName;
        this.nodeUrl = nodeUrl;
        this.attempts++;
    }

    void result(String json) {
        this.result = json;
    }

    long nextEventSeq() {
        return ++lastEventSeq;
    }

    UUID id() {
        return id;
    }

    UUID orgId() {
        return orgId;
    }

    UUID parentRunId() {
        return parentRunId;
    }

    UUID rootRunId() {
        return rootRunId;
    }

    UUID testId() {
        return testId;
    }

    String testName() {
        return testName;
    }

    Integer tier() {
        return tier;
    }

    String probeType() {
        return probeType;
    }

    String target() {
        return target;
    }

    String params() {
        return params;
    }

    String nodeSelector() {
        return nodeSelector;
    }

    UUID nodeId() {
        return nodeId;
    }

    String nodeName() {
        return nodeName;
    }

    String nodeUrl() {
        return nodeUrl;
    }

    RunStatus status() {
        return status;
    }

    String reason() {
        return reason;
    }

    int attempts() {
        return attempts;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant dispatchedAt() {
        return dispatchedAt;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    Instant deadlineAt() {
        return deadlineAt;
    }

    String result() {
        return result;
    }
}
