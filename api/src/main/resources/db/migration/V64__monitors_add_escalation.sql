-- Escalation per monitor: the target's iperf3 port for tier 2/3 throughput, and the cooldowns
-- that keep a lasting breach from escalating every round. last_tier2_at / last_tier3_at are
-- claimed with a conditional UPDATE, so across replicas one escalation per cooldown wins.
ALTER TABLE monitors
    ADD COLUMN iperf_port INT NULL,
    ADD COLUMN tier2_cooldown_seconds INT NOT NULL DEFAULT 900,
    ADD COLUMN tier3_cooldown_seconds INT NOT NULL DEFAULT 3600,
    ADD COLUMN last_tier2_at DATETIME(6) NULL,
    ADD COLUMN last_tier3_at DATETIME(6) NULL;
