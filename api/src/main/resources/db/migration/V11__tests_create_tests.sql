CREATE TABLE tests (
    id            UUID          NOT NULL,
    org_id        UUID          NOT NULL,
    name          VARCHAR(200)  NOT NULL,
    probe_type    VARCHAR(32)   NOT NULL,
    target        VARCHAR(2048) NOT NULL,
    params        TEXT          NOT NULL,
    node_selector TEXT          NOT NULL,
    tier          INT           NULL,
    created_at    DATETIME(6)   NOT NULL,
    updated_at    DATETIME(6)   NOT NULL,
    version       BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_tests_org_name (org_id, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
