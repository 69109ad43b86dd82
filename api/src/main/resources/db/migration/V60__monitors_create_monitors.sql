-- AutoPerf monitors (SPEC section 7): a target, the tier-1 probes to run against it, the vantage
-- points that run each round, and a schedule. Every API replica polls the due ones by
-- (enabled, next_due_at) and claims a slot with a versioned UPDATE of next_due_at, so a slot is
-- taken by exactly one replica (on Galera the loser of a race fails certification and, retried,
-- sees the new version). anchor_at is where the monitor's interval slots are counted from: its
-- creation plus a deterministic per-monitor jitter.
CREATE TABLE monitors (
    id                UUID          NOT NULL,
    org_id            UUID          NOT NULL,
    name              VARCHAR(200)  NOT NULL,
    target            VARCHAR(2048) NOT NULL,
    probes            TEXT          NOT NULL,
    vantage           TEXT          NOT NULL,
    interval_seconds  INT           NULL,
    cron              VARCHAR(120)  NULL,
    time_zone         VARCHAR(64)   NOT NULL,
    active_window     TEXT          NULL,
    udp_echo_port     INT           NULL,
    enabled           BOOLEAN       NOT NULL,
    anchor_at         DATETIME(6)   NOT NULL,
    next_due_at       DATETIME(6)   NOT NULL,
    last_round_at     DATETIME(6)   NULL,
    created_at        DATETIME(6)   NOT NULL,
    updated_at        DATETIME(6)   NOT NULL,
    version           BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_monitors_org_name (org_id, name),
    KEY ix_monitors_due (enabled, next_due_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
