CREATE TABLE run_events (
    id          UUID        NOT NULL,
    org_id      UUID        NOT NULL,
    root_run_id UUID        NOT NULL,
    run_id      UUID        NOT NULL,
    seq         BIGINT      NOT NULL,
    event       VARCHAR(16) NOT NULL,
    terminal    BOOLEAN     NOT NULL,
    data        MEDIUMTEXT  NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_run_events_root_seq (root_run_id, seq),
    KEY ix_run_events_run_seq (run_id, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
