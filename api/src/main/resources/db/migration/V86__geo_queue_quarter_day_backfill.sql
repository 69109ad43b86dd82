-- Hourly rollups kept before the quarter-day tier existed (V85): one 'tiers' rebuild per
-- organisation over the hours it has, so geo-rollup-rebuild fills quarter-days (and recomputes
-- days and weeks, which changes nothing) from them, as V55 did for days and weeks. Queued even
-- when a V55 rebuild is still pending: one that was already running may have passed days before
-- quarter-days existed, and the queue runs oldest first, so this one finishes the job.
INSERT INTO geo_rollup_rebuilds (id, org_id, kind, period_from, period_to, next_hour, state, requested_at)
SELECT UUID(), org_id, 'tiers', MIN(hour), MAX(hour) + INTERVAL 1 HOUR, MIN(hour), 'queued', UTC_TIMESTAMP(6)
FROM geo_rollups
GROUP BY org_id;
