CREATE TABLE organisations (
    id         UUID         NOT NULL,
    name       VARCHAR(200) NOT NULL,
    slug       VARCHAR(64)  NOT NULL,
    created_at DATETIME(6) NOT NULL,
    version    BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_organisations_slug (slug)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
