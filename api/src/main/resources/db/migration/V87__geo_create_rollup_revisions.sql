-- A revision per organisation and UTC day, raised whenever rollup rows of an hour that had
-- already settled change: a result stored more than a few minutes after its hour ended (a late
-- result), and every rebuild or backfill of the day's rows. Each API replica caches the merged
-- rollups of settled periods in memory and reuses them while the revisions of their days are
-- unchanged, so a heatmap reads only the current hours from the rollup tables. Raised in the same
-- transaction as the rows it describes; results in time never touch it, so the row is not hot
-- (late results are rare) and a conflicting raise on another Galera node fails certification
-- and is retried like the rollup rows.
CREATE TABLE geo_rollup_revisions (
    org_id    UUID    NOT NULL,
    day       DATE    NOT NULL,
    revision  BIGINT  NOT NULL,
    PRIMARY KEY (org_id, day)
) ENGINE = InnoDB;
