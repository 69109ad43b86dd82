-- Alerts: open -> acknowledged -> resolved. open_key is '<rule>:<monitor>' while the alert is
-- open or acknowledged and NULL once resolved; its unique key allows at most one unresolved
-- alert per rule x monitor (NULLs never collide), on Galera too. suppressed: raised during a
-- maintenance window, so nothing about it is sent. group_id: the storm group it was announced
-- in (alerts.md#storms). timeline is a JSON array of transitions {at, kind, actor, detail}.
CREATE TABLE alerts (
    id               UUID           NOT NULL,
    org_id           UUID           NOT NULL,
    rule_id          UUID           NOT NULL,
    monitor_id       UUID           NOT NULL,
    rule_name        VARCHAR(200)   NOT NULL,
    monitor_name     VARCHAR(200)   NOT NULL,
    severity         VARCHAR(16)    NOT NULL,
    state            VARCHAR(16)    NOT NULL,
    open_key         VARCHAR(80)    NULL,
    suppressed       BOOLEAN        NOT NULL,
    group_id         UUID           NULL,
    cause            VARCHAR(1000)  NOT NULL,
    raised_at        DATETIME(6)    NOT NULL,
    acknowledged_at  DATETIME(6)    NULL,
    acknowledged_by  VARCHAR(320)   NULL,
    resolved_at      DATETIME(6)    NULL,
    resolved_by      VARCHAR(320)   NULL,
    timeline         TEXT           NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_alerts_open_key (open_key),
    KEY ix_alerts_org_raised (org_id, raised_at),
    KEY ix_alerts_monitor_state (monitor_id, state),
    KEY ix_alerts_group (group_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
