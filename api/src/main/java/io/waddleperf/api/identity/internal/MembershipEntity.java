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
@Table(name = "memberships")
class MembershipEntity {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "org_id")
    private UUID orgId;

    @Column(name = "user_id")
    private UUID userId;

    @Enumerated(EnumType.STRING)
    private Role role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected MembershipEntity() {}

    MembershipEntity(UUID id, UUID orgId, UUID userId, Role role, Instant createdAt) {
        this.id = id;
        this.orgId = orgId;
        this.userId = userId;
        this.role = role;
        this.createdAt = createdAt;
    }

    UUID orgId() {
        return orgId;
    }

    UUID userId() {
        return userId;
    }

    Role role() {
        return role;
    }

    Instant createdAt() {
        return createdAt;
    }

    void changeRole(Role role) {
        this.role = role;
    }
}
