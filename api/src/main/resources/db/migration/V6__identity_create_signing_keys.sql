CREATE TABLE signing_keys (
    kid         VARCHAR(64)  NOT NULL,
    private_key TEXT         NOT NULL,
    public_key  TEXT         NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (kid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
