-- db-scheduler's table (its MySQL/MariaDB schema): one row per cluster job. A replica takes a
-- due execution with an UPDATE that checks version, so exactly one replica runs it; on Galera a
-- second taker fails certification instead of running it twice.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BLOB         NULL,
    -- An explicit default: without one an old server (explicit_defaults_for_timestamp=OFF) would
    -- update the column on every write.
    execution_time       TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(50)  NULL,
    last_success         TIMESTAMP(6) NULL,
    last_failure         TIMESTAMP(6) NULL,
    consecutive_failures INT          NULL,
    last_heartbeat       TIMESTAMP(6) NULL,
    version              BIGINT       NOT NULL,
    priority             SMALLINT     NULL,
    PRIMARY KEY (task_name, task_instance),
    INDEX execution_time_idx (execution_time),
    INDEX last_heartbeat_idx (last_heartbeat),
    INDEX priority_execution_time_idx (priority DESC, execution_time ASC)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
