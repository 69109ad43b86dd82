CREATE TABLE memberships (
    id         UUID        NOT NULL,
    org_id     UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    role       VARCHAR(16) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    version    BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_memberships_org_user (org_id, user_id),
    KEY ix_memberships_user (user_id),
    CONSTRAINT fk_memberships_org FOREIGN KEY (org_id) REFERENCES organisations (id),
    CONSTRAINT fk_memberships_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
