-- The outbox: one row per notification and channel, written in the transaction of the change it
-- reports, so a notification exists exactly when that change commits. The sender claims a due
-- row with a lease (an UPDATE by primary key that only succeeds while no live lease holds it), so a
-- replica that dies mid-send has its row retried once the lease runs out; the id pair is the
-- idempotency key receivers see. state moves pending -> delivered or given_up (after 24 h of
-- failures). Rows of one (channel, subject) are sent in (occurred_at, enqueued_at,
-- notification_id) order: a later one waits while an earlier one is pending.
CREATE TABLE notification_outbox (
    notification_id  UUID          NOT NULL,
    channel_id       UUID          NOT NULL,
    org_id           UUID          NOT NULL,
    subject          UUID          NULL,
    kind             VARCHAR(20)   NOT NULL,
    severity         VARCHAR(10)   NOT NULL,
    payload          MEDIUMTEXT    NOT NULL,
    state            VARCHAR(12)   NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    occurred_at      DATETIME(6)   NOT NULL,
    enqueued_at      DATETIME(6)   NOT NULL,
    next_attempt_at  DATETIME(6)   NOT NULL,
    lease_until      DATETIME(6)   NULL,
    lease_token      CHAR(36)      NULL,
    finished_at      DATETIME(6)   NULL,
    last_error       VARCHAR(500)  NULL,
    PRIMARY KEY (notification_id, channel_id),
    KEY ix_notification_outbox_due (state, next_attempt_at),
    KEY ix_notification_outbox_order (channel_id, subject, state, occurred_at),
    KEY ix_notification_outbox_finished (org_id, state, finished_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
