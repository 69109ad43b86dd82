-- What a rule knows of one monitor between rounds, kept compact: history holds the last ten
-- closed rounds as bits (bit 0 the newest, 1 = breached), good_streak the good rounds in a row.
-- cur_* accumulate the round being collected (results arrive one probe run at a time, from each
-- vantage node): cur_breached is a JSON array of the node ids breaching in it. last_due_at is the newest closed
-- round, so a result of an older round is ignored rather than counted twice. cur_worst is the
-- first breach seen in the round, described for the alert's text. open_alert_id is the rule's
-- unresolved alert on the monitor: evaluation finds it through this locked row and then locks the
-- alert by its primary key, never by a search that would lock a gap.
CREATE TABLE alert_states (
    rule_id       UUID          NOT NULL,
    monitor_id    UUID          NOT NULL,
    org_id        UUID          NOT NULL,
    history       INT           NOT NULL,
    rounds        INT           NOT NULL,
    good_streak   INT           NOT NULL,
    open_alert_id UUID          NULL,
    last_due_at   DATETIME(6)   NULL,
    cur_due_at    DATETIME(6)   NULL,
    cur_nodes     INT           NOT NULL,
    cur_expected  INT           NOT NULL,
    cur_reported  INT           NOT NULL,
    cur_breached  TEXT          NOT NULL,
    cur_worst     VARCHAR(500)  NULL,
    updated_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (rule_id, monitor_id),
    KEY ix_alert_states_monitor (monitor_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
