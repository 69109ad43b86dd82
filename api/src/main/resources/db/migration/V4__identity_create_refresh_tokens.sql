CREATE TABLE refresh_tokens (
    id          UUID        NOT NULL,
    token_hash  CHAR(64)    NOT NULL,
    family_id   UUID        NOT NULL,
    user_id     UUID        NOT NULL,
    org_id      UUID        NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    expires_at  DATETIME(6) NOT NULL,
    used_at     DATETIME(6) NULL,
    revoked_at  DATETIME(6) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_refresh_tokens_hash (token_hash),
    KEY ix_refresh_tokens_family (family_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
