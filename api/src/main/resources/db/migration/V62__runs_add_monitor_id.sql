-- The monitor whose round started a run (null for runs people started), for a monitor's history
-- and trends; indexed with the run's creation for "this monitor's runs, newest first".
ALTER TABLE runs ADD COLUMN monitor_id UUID NULL, ADD KEY ix_runs_monitor_created (monitor_id, created_at);
