package io.waddleperf.api.tests.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

@Entity
@Table(name = "tier_profiles")
class TierProfileEntity {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "org_id")
    private UUID orgId;

    private int tier;

    /** JSON of the profile. */
    private String settings;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected TierProfileEntity() {}

    TierProfileEntity(UUID id, UUID orgId, int tier) {
        this.id = id;
        this.orgId = orgId;
        this.tier = tier;
    }

    void update(String settings, Instant now) {
        this.settings = settings;
        this.updatedAt = now;
    }

    int tier() {
        return tier;
    }

    String settings() {
        return settings;
    }
}
