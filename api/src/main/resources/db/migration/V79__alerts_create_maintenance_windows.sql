-- Maintenance windows: while one is active for a monitor (scope_monitor_id), its vantage label
-- (scope_label) or the whole organisation (both NULL), alerts are recorded but nothing is sent.
-- One-off: starts_at/ends_at. Recurring: cron (in time_zone) opens it for duration_seconds.
CREATE TABLE maintenance_windows (
    id                UUID          NOT NULL,
    org_id            UUID          NOT NULL,
    name              VARCHAR(200)  NOT NULL,
    scope_monitor_id  UUID          NULL,
    scope_label       VARCHAR(100)  NULL,
    starts_at         DATETIME(6)   NULL,
    ends_at           DATETIME(6)   NULL,
    cron              VARCHAR(200)  NULL,
    duration_seconds  INT           NULL,
    time_zone         VARCHAR(64)   NULL,
    created_at        DATETIME(6)   NOT NULL,
    updated_at        DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_maintenance_windows_org (org_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
