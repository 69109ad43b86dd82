-- The archive uploader is now a job every replica runs over its own spool, no longer a cluster job;
-- its row in scheduled_tasks would otherwise stay as an execution no replica knows. Deleting what
-- retention marked is the cluster job 'archive-deletions', which db-scheduler adds at start.
DELETE FROM scheduled_tasks WHERE task_name = 'archive-uploader';
