-- Sessions on nodes' public iperf3 ports (issue 18, item 6): every test any iperf3 client ran
-- against a node, accepted or refused, as the node reported it. Nodes name their sessions;
-- (node_id, session_id) is unique so a retried batch stores nothing twice (INSERT IGNORE, no
-- read-then-write). client_ip holds the address's 4 or 16 bytes so a CIDR filter is a range
-- scan; the location is looked up once, at ingest. Rows are written once and only deleted by
-- retention (tier 1's, capped by the license), so Galera sees no update conflicts on them.
CREATE TABLE iperf_sessions (
    id               UUID          NOT NULL,
    org_id           UUID          NOT NULL,
    node_id          UUID          NOT NULL,
    session_id       VARCHAR(64)   NOT NULL,
    client_address   VARCHAR(45)   NOT NULL,
    client_ip        VARBINARY(16) NOT NULL,
    client_port      INT           NOT NULL,
    country_code     CHAR(2)       NULL,
    region           VARCHAR(200)  NULL,
    city             VARCHAR(200)  NULL,
    latitude         DOUBLE        NULL,
    longitude        DOUBLE        NULL,
    started_at       DATETIME(6)   NOT NULL,
    ended_at         DATETIME(6)   NOT NULL,
    direction        VARCHAR(8)    NULL,
    protocol         VARCHAR(3)    NULL,
    streams          INT           NOT NULL,
    received_bytes   BIGINT        NOT NULL,
    sent_bytes       BIGINT        NOT NULL,
    upload_mbps      DOUBLE        NULL,
    download_mbps    DOUBLE        NULL,
    retransmits      BIGINT        NULL,
    jitter_millis    DOUBLE        NULL,
    lost_packets     BIGINT        NULL,
    total_packets    BIGINT        NULL,
    duration_seconds DOUBLE        NOT NULL,
    outcome          VARCHAR(8)    NOT NULL,
    reason           VARCHAR(500)  NULL,
    client_version   VARCHAR(64)   NULL,
    intervals        MEDIUMTEXT    NOT NULL,
    received_at      DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_iperf_sessions_node_session (node_id, session_id),
    KEY ix_iperf_sessions_node_time (org_id, node_id, started_at, id),
    KEY ix_iperf_sessions_node_received (org_id, node_id, received_at),
    KEY ix_iperf_sessions_org_time (org_id, started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
