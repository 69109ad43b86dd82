package io.waddleperf.api.nodes.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A one-time, expiring enrolment token, stored as its SHA-256 hash. */
@Entity
@Table(name = "node_enrollment_tokens")
class EnrollmentTokenEntity {

    @Id
    private UUID id;

    @Column(name = "org_id")
    private UUID orgId;

    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "created_by")
    private UUID createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "node_id")
    private UUID nodeId;

    @Column(name = "idempotency_key_hash")
    private String idempotencyKeyHash;

    protected EnrollmentTokenEntity() {}

    EnrollmentTokenEntity(UUID id, UUID orgId, String tokenHash, UUID createdBy, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.orgId = orgId;
        this.tokenHash = tokenHash;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    UUID orgId() {
        return orgId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    UUID nodeId() {
        return nodeId;
    }

    Instant usedAt() {
        return usedAt;
    }

    String idempotencyKeyHash() {
        return idempotencyKeyHash;
    }
}
