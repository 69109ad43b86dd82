-- The address the API saw a node's enrolment or latest heartbeat come from (X-Forwarded-For only
-- from trusted proxies). Geo places a node there when no ADMIN has set its position. Never shown
-- by the nodes API.
ALTER TABLE nodes ADD COLUMN seen_address VARCHAR(45) NULL;
