-- Daily aggregates beside the hourly ones (V50), same columns, kept in the same transaction as
-- the hourly row. A heatmap reads whole UTC days of its period from here and only the partial
-- days at its edges from geo_rollups: a 90-day city heatmap merges about 90 rows per city
-- instead of 2,160. One row per (org, metric, level, day, side, place), so no row is per
-- organisation: a day's row of a place is as hot as its results, and a conflict is retried.
CREATE TABLE geo_rollups_daily (
    org_id        UUID         NOT NULL,
    metric        VARCHAR(16)  NOT NULL,
    level         VARCHAR(8)   NOT NULL,
    day           DATE         NOT NULL,
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
    PRIMARY KEY (org_id, metric, level, day, side, place)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
