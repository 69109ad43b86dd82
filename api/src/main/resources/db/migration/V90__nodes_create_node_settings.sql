-- Node settings a MAINTAINER or ADMIN set (docs/node-protocol.md): pushed to the node in heartbeat
-- answers while its applied version is behind. A NULL setting leaves the node's own
-- configuration; an empty allowlist or labels value is an empty list. version counts changes
-- from 1; applied_version and rejected_* are what the node last reported.
CREATE TABLE node_settings (
    org_id               UUID          NOT NULL,
    node_id              UUID          NOT NULL,
    version              BIGINT        NOT NULL,
    allowlist            TEXT          NULL,
    idle_timeout_seconds INT           NULL,
    capacity             INT           NULL,
    region               VARCHAR(64)   NULL,
    labels               TEXT          NULL,
    updated_at           DATETIME(6)   NOT NULL,
    updated_by           VARCHAR(320)  NULL,
    applied_version      BIGINT        NOT NULL DEFAULT 0,
    applied_at           DATETIME(6)   NULL,
    rejected_version     BIGINT        NULL,
    rejected_reason      VARCHAR(500)  NULL,
    PRIMARY KEY (org_id, node_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
