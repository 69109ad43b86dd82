-- The run-event retention job deletes by age in small batches; without this index each batch
-- would scan the table.
CREATE INDEX ix_run_events_created ON run_events (created_at);
