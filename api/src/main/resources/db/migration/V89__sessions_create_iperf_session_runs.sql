-- Which iperf3 sessions on a node's port belong to a run the API dispatched (issue 18): a node's
-- throughput probe names its run in iperf3's extra_data, the node whose server saw the test
-- reports it, and the API keeps the link only for a throughput run of the node's organisation.
-- A table of its own rather than a column of iperf_sessions: the link is written once next to
-- its session (INSERT IGNORE, same key), and outside clients' sessions, most of them, have no row.
-- Retention deletes links by started_at as it deletes their sessions.
CREATE TABLE iperf_session_runs (
    node_id    UUID         NOT NULL,
    session_id VARCHAR(64)  NOT NULL,
    org_id     UUID         NOT NULL,
    run_id     UUID         NOT NULL,
    started_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (node_id, session_id),
    KEY ix_iperf_session_runs_org_time (org_id, started_at),
    KEY ix_iperf_session_runs_run (org_id, run_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
