-- V34 turns the due times into UTC DATETIMEs. Rows written before it hold TIMESTAMPs that the
-- ALTER would convert through the session's time zone, shifting each job's next run by the zone's
-- offset; without rows, every cluster job is scheduled afresh (and runs once) when a replica
-- starts. The jobs are idempotent, so nothing is lost.
DELETE FROM scheduled_tasks;
