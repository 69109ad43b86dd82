-- Hourly rollups kept before the daily and weekly tiers existed (V52, V53): one 'tiers' rebuild
-- per organisation over the hours it has, so geo-rollup-rebuild fills those tiers from them. A
-- result stored meanwhile adds itself to every tier; the rebuild replaces a day's rows by the
-- merge of its hours under the hours' row locks, so it is counted once.
INSERT INTO geo_rollup_rebuilds (id, org_id, kind, period_from, period_to, next_hour, state, requested_at)
SELECT UUID(), org_id, 'tiers', MIN(hour), MAX(hour) + INTERVAL 1 HOUR, MIN(hour), 'queued', UTC_TIMESTAMP(6)
FROM geo_rollups
GROUP BY org_id;
