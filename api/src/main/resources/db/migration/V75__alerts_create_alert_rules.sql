-- An organisation's alert rules. Scope: one monitor (scope_monitor_id), the monitors with a
-- vantage point of a label (scope_label), or every monitor (both NULL). Condition: a trend
-- metric (<probe>.<figure>) compared with a threshold, or, with metric NULL, the monitor's tier
-- thresholds (the result's verdict). Raise when raise_breaches of the last raise_rounds rounds
-- breach; clear after clear_rounds good rounds in a row. channel_ids is a JSON array (empty:
-- every channel that hears the severity).
CREATE TABLE alert_rules (
    id                   UUID          NOT NULL,
    org_id               UUID          NOT NULL,
    name                 VARCHAR(200)  NOT NULL,
    scope_monitor_id     UUID          NULL,
    scope_label          VARCHAR(100)  NULL,
    metric               VARCHAR(64)   NULL,
    comparison           VARCHAR(2)    NULL,
    threshold            DOUBLE        NULL,
    raise_breaches       INT           NOT NULL,
    raise_rounds         INT           NOT NULL,
    min_vantage_count    INT           NULL,
    min_vantage_percent  DOUBLE        NULL,
    severity             VARCHAR(16)   NOT NULL,
    clear_rounds         INT           NOT NULL,
    channel_ids          TEXT          NOT NULL,
    enabled              BOOLEAN       NOT NULL,
    created_at           DATETIME(6)   NOT NULL,
    updated_at           DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_alert_rules_org (org_id, enabled)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
