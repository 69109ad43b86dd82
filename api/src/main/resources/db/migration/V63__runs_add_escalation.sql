-- Why AutoPerf started a tier-2 or tier-3 run (null for every other run): the run whose result
-- breached and the threshold it crossed, as JSON {fromRunId, fromTier, metric, threshold, value}.
ALTER TABLE runs ADD COLUMN escalation TEXT NULL;
