-- One row per run artefact (samples NDJSON, packet capture): the outbox that ships it to S3 and,
-- once shipped, the catalogue the run page lists. The spool file lives on disk under the archive
-- data dir, named by id; state moves spooled -> stored (or conflict), and any of them -> deleting
-- when retention removes the run's results. spool_id names the spool directory holding the file
-- (replicas sharing a volume share it); the uploader takes its own due rows by (spool_id, state,
-- next_attempt_at); the run page and retention look rows up by (org_id, run_id).
CREATE TABLE archive_artefacts (
    id               UUID          NOT NULL,
    org_id           UUID          NOT NULL,
    run_id           UUID          NOT NULL,
    name             VARCHAR(100)  NOT NULL,
    object_key       VARCHAR(400)  NOT NULL,
    content_type     VARCHAR(100)  NOT NULL,
    size_bytes       BIGINT        NOT NULL,
    sha256           CHAR(64)      NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    spool_id         VARCHAR(36)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  DATETIME(6)   NOT NULL,
    last_error       VARCHAR(500)  NULL,
    run_finished_at  DATETIME(6)   NOT NULL,
    created_at       DATETIME(6)   NOT NULL,
    stored_at        DATETIME(6)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_archive_artefacts_run_name (run_id, name),
    KEY ix_archive_artefacts_due (spool_id, state, next_attempt_at),
    KEY ix_archive_artefacts_org_run (org_id, run_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
