-- Weekly aggregates (ISO weeks, from Monday 00:00 UTC) beside the hourly (V50) and daily (V52)
-- ones, kept in the same transaction. A heatmap reads whole weeks from here, the whole days
-- around them from geo_rollups_daily and the partial days at its edges from geo_rollups: a 90-day
-- heatmap merges at most about 70 rows per place (23 + 23 hours, 6 + 6 days, 12 weeks) instead
-- of 2,160. Keyed like the other tiers: no row per organisation.
CREATE TABLE geo_rollups_weekly (
    org_id        UUID         NOT NULL,
    metric        VARCHAR(16)  NOT NULL,
    level         VARCHAR(8)   NOT NULL,
    week          DATE         NOT NULL,
    side          VARCHAR(8)   NOT NULL,
    place         VARCHAR(190) NOT NULL,
    country_code  CHAR(2)      NOT NULL,
    name          VARCHAR(255) NOT NULL,
    latitude      DOUBLE       NULL,
    longitude     DOUBLE       NULL,
    sample_count  BIGINT       NOT NULL,
    min_value     DOUBLE       NOT NULL,
    max_value     DOUBLE       NOT NULL,
    sum_value     DOUBLE       NOT NULL,
    sketch        MEDIUMBLOB   NOT NULL,
    PRIMARY KEY (org_id, metric, level, week, side, place)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
