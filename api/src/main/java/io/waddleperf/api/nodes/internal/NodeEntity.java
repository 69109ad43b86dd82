package io.waddleperf.api.nodes.internal;

import io.waddleperf.api.nodes.Node;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "nodes")
class NodeEntity {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "org_id")
    private UUID orgId;

    private String name;
    private String region;
    private String labels;

    @Column(name = "software_version")
    private String softwareVersion;

    private String capabilities;
    private int capacity;

    @Column(name = "current_load")
    private int load;

    @Column(name = "system_load")
    private Double systemLoad;

    @Column(name = "advertised_url")
    private String advertisedUrl;

    @Column(name = "seen_address")
    private String seenAddress;

    @Column(name = "credential_hash")
    private String credentialHash;

    @Enumerated(EnumType.STRING)
    private Node.Status status;

    @Column(name = "enrolled_at")
    private Instant enrolledAt;

    @Column(name = "last_heartbeat_at")
    private Instant lastHeartbeatAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Version
    private long version;

    protected NodeEntity() {}

    NodeEntity(UUID id, UUID orgId, String credentialHash, NodeReport report, Instant now) {
        this.id = id;
        this.orgId = orgId;
        this.credentialHash = credentialHash;
        this.enrolledAt = now;
        this.name = report.name();
        apply(report, now);
        this.load = 0;
    }

    void apply(NodeReport report, Instant now) {
        this.region = report.region();
        this.labels = String.join(",", report.labels());
        this.softwareVersion = report.version();
        this.capabilities = String.join(",", report.capabilities());
        this.capacity = report.capacity();
        this.load = report.load();
        this.systemLoad = report.systemLoad();
        this.advertisedUrl = report.advertisedUrl();
        if (report.seenAddress() != null) {
            this.seenAddress = report.seenAddress();
        }
        this.lastHeartbeatAt = now;
        this.status = Node.Status.ONLINE;
    }

    /**
     * Region and labels set in the node's settings win over what the node reports, so monitors
     * and tests select it by them even before the node has applied them.
     */
    void select(@Nullable String region, @Nullable List<String> labels) {
        if (region != null) {
            this.region = region;
        }
        if (labels != null) {
            this.labels = String.join(",", labels);
        }
    }

    /** A retried enrolment (same idempotency key) gets a fresh credential for the same node. */
    void replaceCredential(String credentialHash) {
        this.credentialHash = credentialHash;
    }

    void revoke(Instant now) {
        this.revokedAt = now;
        this.status = Node.Status.REVOKED;
    }

    @Nullable
    String seenAddress() {
        return seenAddress;
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

    Node.Status status() {
        return status;
    }

    Node toNode() {
        return new Node(
                id,
                orgId,
                name,
                region,
                split(labels),
                softwareVersion,
                split(capabilities),
                capacity,
                load,
                systemLoad,
                advertisedUrl,
                status,
                enrolledAt,
                lastHeartbeatAt);
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
