CREATE TABLE tier_profiles (
    id         UUID        NOT NULL,
    org_id     UUID        NOT NULL,
    tier       INT         NOT NULL,
    settings   TEXT        NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    version    BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_tier_profiles_org_tier (org_id, tier)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
