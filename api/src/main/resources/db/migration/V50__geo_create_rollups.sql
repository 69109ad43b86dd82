-- Hourly aggregates of result figures per organisation, metric, place level, vantage side and
-- place, kept as results arrive (GeoRollups). Percentiles over any period come from merging the
-- DDSketch of each hour, never from raw results. One row per (org, metric, level, hour, side,
-- place): concurrent results of different places or hours never touch the same row, and a
-- heatmap query is one range scan of the key from (org, metric, level, hour).
CREATE TABLE geo_rollups (
    org_id        UUID         NOT NULL,
    metric        VARCHAR(16)  NOT NULL,
    level         VARCHAR(8)   NOT NULL,
    hour          DATETIME     NOT NULL,
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
    PRIMARY KEY (org_id, metric, level, hour, side, place)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
