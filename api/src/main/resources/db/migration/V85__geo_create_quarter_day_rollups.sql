-- Quarter-day aggregates (00, 06, 12 and 18 UTC) between the hourly (V50) and daily (V52) tiers,
-- same columns, kept in the same transaction as the others. A heatmap reads the partial days at
-- its edges as quarter-days plus at most 5 hours on each side instead of up to 23 hours: a 7-day
-- city heatmap merges about 15 rows per city instead of 30 (at most 16 edge rows instead of 46).
-- Keyed like the other tiers: one row per (org, metric, level, quarter_day, side, place), no row
-- per organisation.
CREATE TABLE geo_rollups_quarter_day (
    org_id        UUID         NOT NULL,
    metric        VARCHAR(16)  NOT NULL,
    level         VARCHAR(8)   NOT NULL,
    quarter_day   DATETIME     NOT NULL,
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
    PRIMARY KEY (org_id, metric, level, quarter_day, side, place)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
