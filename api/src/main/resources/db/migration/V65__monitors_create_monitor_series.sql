-- AutoPerf trends: a monitor's tier-1 figures per vantage node and metric ("<probe>.<figure>",
-- e.g. tcp_connect.latency_ms) in 5-minute and 1-hour buckets, kept in the transaction that
-- stores each result, so a trend query reads at most one row per bucket and never the results.
-- vals holds the bucket's measured values as a JSON array, appended by the upsert itself (no
-- read-modify-write, so concurrent writers on Galera only conflict on the same bucket, and the
-- retried transaction appends again): at most one value per round, so a bucket holds at most
-- 10 (5 min) or 120 (1 h) values at the 30 s minimum interval, and percentiles read from it are
-- exact. rounds counts every result, failed those that did not succeed; loss_sum/loss_count
-- average the loss of probes that measure it.
CREATE TABLE monitor_series (
    monitor_id      UUID          NOT NULL,
    node_id         UUID          NOT NULL,
    metric          VARCHAR(64)   NOT NULL,
    bucket_seconds  INT           NOT NULL,
    bucket_start    DATETIME(6)   NOT NULL,
    org_id          UUID          NOT NULL,
    node_name       VARCHAR(100)  NULL,
    rounds          INT           NOT NULL,
    failed          INT           NOT NULL,
    vals            LONGTEXT      NOT NULL,
    loss_sum        DOUBLE        NOT NULL,
    loss_count      INT           NOT NULL,
    PRIMARY KEY (monitor_id, node_id, metric, bucket_seconds, bucket_start),
    KEY ix_monitor_series_age (bucket_seconds, bucket_start)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
