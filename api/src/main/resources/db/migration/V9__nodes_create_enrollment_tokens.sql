CREATE TABLE node_enrollment_tokens (
    id         UUID        NOT NULL,
    org_id     UUID        NOT NULL,
    token_hash CHAR(64)    NOT NULL,
    created_by UUID        NULL,
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    used_at    DATETIME(6) NULL,
    node_id    UUID        NULL,
    idempotency_key_hash CHAR(64) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_node_enrollment_tokens_hash (token_hash),
    KEY ix_node_enrollment_tokens_org (org_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
