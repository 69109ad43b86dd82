-- db-scheduler writes these times in UTC (alwaysPersistTimestampInUTC), into DATETIME(6) as every
-- other time in the schema. A TIMESTAMP converts through the session's time zone, so replicas
-- whose JVM and database zones differ, or a daylight-saving change, would move due times by hours;
-- it also ends in 2038 on MariaDB before 11.5.
ALTER TABLE scheduled_tasks
    MODIFY execution_time DATETIME(6) NOT NULL,
    MODIFY last_success   DATETIME(6) NULL,
    MODIFY last_failure   DATETIME(6) NULL,
    MODIFY last_heartbeat DATETIME(6) NULL;
