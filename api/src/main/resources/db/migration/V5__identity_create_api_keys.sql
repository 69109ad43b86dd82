CREATE TABLE api_keys (
    id           UUID         NOT NULL,
    org_id       UUID         NOT NULL,
    name         VARCHAR(100) NOT NULL,
    prefix       VARCHAR(16)  NOT NULL,
    secret_hash  CHAR(64)     NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    created_by   UUID         NULL,
    created_at   DATETIME(6)  NOT NULL,
    last_used_at DATETIME(6)  NULL,
    revoked_at   DATETIME(6)  NULL,
    version      BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_api_keys_secret (secret_hash),
    KEY ix_api_keys_org (org_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
