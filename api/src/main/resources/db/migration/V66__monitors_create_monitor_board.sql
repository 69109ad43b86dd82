-- The live board: per monitor, vantage node, probe and tier, the latest result and the last 50
-- (value, failed, time) entries as a JSON array the upsert appends to and trims, so the board's
-- sliding-window figures come from one row. version grows with every update, and updated_at
-- (the writer's clock) is what the per-organisation event stream follows.
CREATE TABLE monitor_board (
    monitor_id    UUID          NOT NULL,
    node_id       UUID          NOT NULL,
    probe         VARCHAR(32)   NOT NULL,
    tier          TINYINT       NOT NULL,
    org_id        UUID          NOT NULL,
    node_name     VARCHAR(100)  NULL,
    metric        VARCHAR(64)   NULL,
    last_run_id   UUID          NOT NULL,
    last_at       DATETIME(6)   NOT NULL,
    last_value    DOUBLE        NULL,
    last_status   VARCHAR(16)   NOT NULL,
    last_verdict  VARCHAR(8)    NOT NULL,
    recent        LONGTEXT      NOT NULL,
    version       BIGINT        NOT NULL,
    updated_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (monitor_id, node_id, probe, tier),
    KEY ix_monitor_board_org_updated (org_id, updated_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
