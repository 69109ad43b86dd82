package io.waddleperf.api.identity.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A refresh token, stored only as its SHA-256 hash. Tokens of one sign-in form a family: each
 * refresh uses up one token and issues the next; a used token presented again means it was
 * stolen, and the whole family is revoked.
 */
@Entity
@Table(name = "refresh_tokens")
class RefreshTokenEntity {

    @Id
    private UUID id;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "family_id", nullable = false)
    private UUID familyId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "org_id", nullable = false)
    private UUID orgId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected RefreshTokenEntity() {}

    RefreshTokenEntity(
            UUID id, String tokenHash, UUID familyId, UUID userId, UUID orgId, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.tokenHash = tokenHash;
        this.familyId = familyId;
        this.userId = userId;
        this.orgId = orgId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    UUID familyId() {
        return familyId;
    }

    UUID userId() {
        return userId;
    }

    UUID orgId() {
        return orgId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    boolean used() {
        return usedAt != null;
    }

    boolean revoked() {
        return revokedAt != null;
    }

    void markUsed(Instant now) {
        this.usedAt = now;
    }
}
