-- Throughput tests are exclusive per node (two would measure each other): the dispatcher holds a
-- node's row here while a throughput run is on it. A claim is one upsert that takes the row only
-- when it is free (expired) or already this run's; on Galera two replicas claiming at once
-- conflict at certification and the retried loser sees the winner's lease. leased_until is the
-- run's deadline, so a lease of a replica that died frees itself.
CREATE TABLE node_throughput_leases (
    node_id       UUID         NOT NULL,
    run_id        UUID         NOT NULL,
    org_id        UUID         NOT NULL,
    leased_at     DATETIME(6)  NOT NULL,
    leased_until  DATETIME(6)  NOT NULL,
    PRIMARY KEY (node_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
