-- Live figures of iperf3 sessions in progress: one row per session and interval as the node
-- posts them (about one a second per running test), read by every replica's live stream by
-- arrival time. Insert-only (INSERT IGNORE on the primary key, so a repeated post is harmless);
-- a session's rows go when its final report arrives, and leftovers of sessions that never
-- reported go with a cluster job after an hour.
CREATE TABLE iperf_session_points (
    node_id          UUID          NOT NULL,
    session_id       VARCHAR(64)   NOT NULL,
    millis           BIGINT        NOT NULL,
    org_id           UUID          NOT NULL,
    client_address   VARCHAR(45)   NOT NULL,
    client_port      INT           NOT NULL,
    started_at       DATETIME(6)   NOT NULL,
    direction        VARCHAR(8)    NOT NULL,
    protocol         VARCHAR(3)    NOT NULL,
    streams          INT           NOT NULL,
    planned_seconds  INT           NOT NULL,
    client_version   VARCHAR(64)   NULL,
    point            TEXT          NOT NULL,
    received_at      DATETIME(6)   NOT NULL,
    PRIMARY KEY (node_id, session_id, millis),
    KEY ix_iperf_session_points_live (org_id, node_id, received_at),
    KEY ix_iperf_session_points_age (received_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
