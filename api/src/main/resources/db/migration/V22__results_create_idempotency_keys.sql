-- The first answer to a POST /results per organisation and Idempotency-Key, replayed to repeats
-- from any replica until it expires. The key is stored hashed; request_hash detects reuse of a
-- key for a different body.
CREATE TABLE results_idempotency_keys (
    org_id        UUID        NOT NULL,
    key_hash      CHAR(64)    NOT NULL,
    request_hash  CHAR(64)    NOT NULL,
    status_code   INT         NOT NULL,
    response_body MEDIUMTEXT  NOT NULL,
    created_at    DATETIME(6) NOT NULL,
    expires_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (org_id, key_hash),
    KEY ix_results_idempotency_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
