-- Rollup rebuilds asked for (POST /heatmap/rebuild) or needed by an upgrade, done by the cluster
-- job geo-rollup-rebuild on one replica at a time. next_hour is the progress: the job advances it
-- after each hour it has finished, so a run taken over from a dead replica resumes there. kind
-- 'results' recomputes every tier from stored results; 'tiers' only recomputes the daily and
-- weekly rows from the hourly ones (results may have expired while their rollups are kept).
CREATE TABLE geo_rollup_rebuilds (
    id            UUID         NOT NULL,
    org_id        UUID         NOT NULL,
    kind          VARCHAR(8)   NOT NULL,
    period_from   DATETIME     NOT NULL,
    period_to     DATETIME     NOT NULL,
    next_hour     DATETIME     NOT NULL,
    results_read  BIGINT       NOT NULL DEFAULT 0,
    state         VARCHAR(8)   NOT NULL,
    requested_at  DATETIME(6)  NOT NULL,
    finished_at   DATETIME(6)  NULL,
    PRIMARY KEY (id),
    KEY ix_geo_rollup_rebuilds_state (state, requested_at),
    KEY ix_geo_rollup_rebuilds_org (org_id, requested_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
