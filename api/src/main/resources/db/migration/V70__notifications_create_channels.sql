-- An organisation's notification channels (SPEC section 7): where notifications go and how they
-- are formatted. secret holds what must never be shown again (the webhook URL, which is a
-- credential for Slack, Teams and Discord, and the signing secret), encrypted with AES-GCM; target
-- is the part people may see (the URL's host, or the e-mail recipients). severities lists the
-- severities the channel hears, comma-separated. consecutive_failures and failing_since mark a
-- receiver that keeps failing unhealthy; a delivery resets them.
CREATE TABLE notification_channels (
    id                    UUID          NOT NULL,
    org_id                UUID          NOT NULL,
    name                  VARCHAR(200)  NOT NULL,
    type                  VARCHAR(16)   NOT NULL,
    severities            VARCHAR(64)   NOT NULL,
    target                VARCHAR(2048) NOT NULL,
    recipients            TEXT          NULL,
    secret                TEXT          NULL,
    healthy               BOOLEAN       NOT NULL DEFAULT TRUE,
    consecutive_failures  INT           NOT NULL DEFAULT 0,
    failing_since         DATETIME(6)   NULL,
    last_error            VARCHAR(500)  NULL,
    last_attempt_at       DATETIME(6)   NULL,
    last_delivered_at     DATETIME(6)   NULL,
    created_at            DATETIME(6)   NOT NULL,
    updated_at            DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_notification_channels_org_name (org_id, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
