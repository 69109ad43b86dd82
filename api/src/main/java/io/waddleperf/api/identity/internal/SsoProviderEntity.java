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

/** An organisation's external OIDC issuer; its tokens act in that organisation only. */
@Entity
@Table(name = "sso_providers")
class SsoProviderEntity {

    @Id
    @Column(name = "org_id")
    private UUID orgId;

    @Column(name = "issuer_uri", nullable = false)
    private String issuerUri;

    @Column(nullable = false)
    private String audience;

    @Column(name = "role_claim", nullable = false)
    private String roleClaim;

    /** JSON object: claim value → role name. */
    @Column(name = "role_mapping", nullable = false)
    private String roleMapping;

    /** The public OAuth client the web UI signs in with; optional. */
    @Column(name = "client_id")
    private String clientId;

    @Enumerated(EnumType.STRING)
    @Column(name = "default_role")
    private Role defaultRole;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected SsoProviderEntity() {}

    SsoProviderEntity(UUID orgId) {
        this.orgId = orgId;
    }

    void configure(
            String issuerUri,
            String audience,
            String clientId,
            String roleClaim,
            String roleMapping,
            Role defaultRole,
            Instant now) {
        this.issuerUri = issuerUri;
        this.clientId = clientId;
        this.audience = audience;
        this.roleClaim = roleClaim;
        this.roleMapping = roleMapping;
        this.defaultRole = defaultRole;
        this.updatedAt = now;
    }

    UUID orgId() {
        return orgId;
    }

    String issuerUri() {
        return issuerUri;
    }

    String audience() {
        return audience;
    }

    String clientId() {
        return clientId;
    }

    String roleClaim() {
        return roleClaim;
    }

    String roleMapping() {
        return roleMapping;
    }

    Role defaultRole() {
        return defaultRole;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
