CREATE TABLE sso_providers (
    org_id       UUID          NOT NULL,
    issuer_uri   VARCHAR(500)  NOT NULL,
    audience     VARCHAR(200)  NOT NULL,
    role_claim   VARCHAR(100)  NOT NULL,
    role_mapping TEXT          NOT NULL,
    default_role VARCHAR(16)   NULL,
    updated_at   DATETIME(6)   NOT NULL,
    version      BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id),
    UNIQUE KEY uk_sso_providers_issuer (issuer_uri)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
