-- Every try at handing a notification to a channel (and every test send): the receiver's status
-- code, the latency and the error, for the channel's page and an alert's timeline (by subject).
-- channel_name is copied so the timeline still reads after the channel is deleted. Kept with the
-- results' retention.
CREATE TABLE notification_attempts (
    id               UUID          NOT NULL,
    org_id           UUID          NOT NULL,
    notification_id  UUID          NOT NULL,
    channel_id       UUID          NOT NULL,
    channel_name     VARCHAR(200)  NOT NULL,
    subject          UUID          NULL,
    kind             VARCHAR(20)   NOT NULL,
    attempt          INT           NOT NULL,
    attempted_at     DATETIME(6)   NOT NULL,
    delivered        BOOLEAN       NOT NULL,
    status_code      INT           NULL,
    latency_ms       BIGINT        NOT NULL,
    error            VARCHAR(500)  NULL,
    PRIMARY KEY (id),
    KEY ix_notification_attempts_subject (org_id, subject, attempted_at),
    KEY ix_notification_attempts_channel (channel_id, attempted_at),
    KEY ix_notification_attempts_org_time (org_id, attempted_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
