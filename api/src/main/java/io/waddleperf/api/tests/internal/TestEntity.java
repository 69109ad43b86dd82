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
@Table(name = "tests")
class TestEntity {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "org_id")
    private UUID orgId;

    private String name;

    @Column(name = "probe_type")
    private String probeType;

    private String target;

    /** JSON object. */
    private String params;

    /** JSON object. */
    @Column(name = "node_selector")
    private String nodeSelector;

    private Integer tier;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected TestEntity() {}

    TestEntity(UUID id, UUID orgId, Instant now) {
        this.id = id;
        this.orgId = orgId;
        this.createdAt = now;
    }

    void update(
            String name,
            String probeType,
            String target,
            String params,
            String nodeSelector,
            Integer tier,
            Instant now) {
        this.name = name;
        this.probeType = probeType;
        this.target = target;
        this.params = params;
        this.nodeSelector = nodeSelector;
        this.tier = tier;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
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

    Integer tier() {
        return tier;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
