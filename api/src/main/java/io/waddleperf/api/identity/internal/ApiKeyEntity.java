package io.waddleperf.api.identity.internal;

import io.waddleperf.api.shared.security.Role;
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

@Entity
@Table(name = "api_keys")
class ApiKeyEntity {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "org_id")
    private UUID orgId;

    private String name;
    private String prefix;

    @Column(name = "secret_hash")
    private String secretHash;

    @Enumerated(EnumType.STRING)
    private Role role;

    @Column(name = "created_by")
    private UUID createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Version
    private long version;

    protected ApiKeyEntity() {}

    ApiKeyEntity(
            UUID id,
            UUID orgId,
            String name,
            String prefix,
            String secretHash,
            Role role,
            UUID createdBy,
            Instant createdAt) {
        this.id = id;
        this.orgId = orgId;
        this.name = name;
        this.prefix = prefix;
        this.secretHash = secretHash;
        this.role = role;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    UUID orgId() {
        return orgId;
    }

    String name() {
        return name;
    }

    String prefix() {
        return prefix;
    }

    Role role() {
        return role;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    Instant revokedAt() {
        return revokedAt;
    }

    void used(Instant now) {
        this.lastUsedAt = now;
    }

    void revoke(Instant now) {
        this.revokedAt = now;
    }
}
