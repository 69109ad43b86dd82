CREATE TABLE audit_events (
    id         UUID         NOT NULL,
    org_id     UUID         NULL,
    actor_id   UUID         NULL,
    actor      VARCHAR(320) NOT NULL,
    action     VARCHAR(64)  NOT NULL,
    target     VARCHAR(255) NULL,
    outcome    VARCHAR(16)  NOT NULL,
    ip         VARCHAR(45)  NULL,
    details    TEXT         NULL,
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_audit_events_org_time (org_id, created_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
