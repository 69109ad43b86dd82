-- Per-second samples of a result; deleted together with it (retention deletes samples first).
CREATE TABLE result_samples (
    result_id     UUID        NOT NULL,
    sample_second INT         NOT NULL,
    org_id        UUID        NOT NULL,
    sample_values TEXT        NOT NULL,
    PRIMARY KEY (result_id, sample_second)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
