-- One row per slot a monitor ran: the primary key (monitor_id, due_at) makes a doubled slot a
-- duplicate key, so "each slot exactly once" holds in the database even if a claim went wrong.
-- late marks the one catch-up round that stands for slots missed while no replica ran; lateness
-- is due -> dispatched. run_ids lists the round's tier runs (one per vantage node).
CREATE TABLE monitor_rounds (
    monitor_id     UUID          NOT NULL,
    due_at         DATETIME(6)   NOT NULL,
    org_id         UUID          NOT NULL,
    dispatched_at  DATETIME(6)   NOT NULL,
    lateness_ms    BIGINT        NOT NULL,
    late           BOOLEAN       NOT NULL,
    missed_slots   INT           NOT NULL,
    node_count     INT           NOT NULL,
    run_ids        TEXT          NOT NULL,
    replica        VARCHAR(100)  NOT NULL,
    PRIMARY KEY (monitor_id, due_at),
    KEY ix_monitor_rounds_org_dispatched (org_id, dispatched_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
