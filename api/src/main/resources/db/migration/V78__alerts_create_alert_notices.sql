-- Transitions waiting to be told: written in the transition's transaction, turned into
-- notifications (one each, or one storm group) by the alerts-notices cluster job after a short
-- hold, and deleted in that job's transaction together with the outbox rows it enqueues.
CREATE TABLE alert_notices (
    id          UUID          NOT NULL,
    org_id      UUID          NOT NULL,
    alert_id    UUID          NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_alert_notices_org_created (org_id, created_at),
    KEY ix_alert_notices_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
