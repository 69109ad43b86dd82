-- One row per finished probe run (or ingested result, or browser speed test). The typed summary
-- columns serve filters, thresholds and exports; summary keeps the node's whole result object.
-- Every listing is per organisation, newest first, paged by the key (finished_at, id), so each
-- filter index ends with (finished_at, id) and a page is one index range scan. Retention deletes
-- per organisation and tier by finished_at, which the tier index serves too.
CREATE TABLE results (
    id                    UUID          NOT NULL,
    org_id                UUID          NOT NULL,
    run_id                UUID          NOT NULL,
    parent_run_id         UUID          NULL,
    test_id               UUID          NULL,
    node_id               UUID          NULL,
    node_name             VARCHAR(100)  NULL,
    probe_type            VARCHAR(32)   NOT NULL,
    target                VARCHAR(2048) NOT NULL,
    tier                  TINYINT       NULL,
    status                VARCHAR(16)   NOT NULL,
    reason                VARCHAR(1000) NULL,
    verdict               VARCHAR(8)    NOT NULL,
    breaches              TEXT          NOT NULL,
    started_at            DATETIME(6)   NULL,
    finished_at           DATETIME(6)   NOT NULL,
    latency_avg_ms        DOUBLE        NULL,
    latency_p50_ms        DOUBLE        NULL,
    latency_p95_ms        DOUBLE        NULL,
    latency_p99_ms        DOUBLE        NULL,
    jitter_ms             DOUBLE        NULL,
    loss_percent          DOUBLE        NULL,
    throughput_up_mbps    DOUBLE        NULL,
    throughput_down_mbps  DOUBLE        NULL,
    retransmits           BIGINT        NULL,
    http_total_ms         DOUBLE        NULL,
    dns_ms                DOUBLE        NULL,
    certificate_days_left INT           NULL,
    client_ip             VARCHAR(45)   NULL,
    summary               LONGTEXT      NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_results_run (run_id),
    KEY ix_results_org_finished (org_id, finished_at, id),
    KEY ix_results_org_test_finished (org_id, test_id, finished_at, id),
    KEY ix_results_org_node_finished (org_id, node_id, finished_at, id),
    KEY ix_results_org_tier_finished (org_id, tier, finished_at, id),
    KEY ix_results_org_target (org_id, target(191))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
