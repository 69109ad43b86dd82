-- One row per organisation that every role change or removal of a member writes first (issue
-- 20): two ADMINs demoting each other at once then write the same row, so on one server the
-- second waits for the first and counts the ADMINs after it, and on Galera the two transactions
-- conflict at certification and the loser is retried and refused as the last ADMIN. Rows are
-- created on first use (INSERT ... ON DUPLICATE KEY UPDATE); no LOCK TABLES or GET_LOCK needed.
CREATE TABLE identity_admin_guards (
    org_id      UUID     NOT NULL,
    changes     BIGINT   NOT NULL,
    PRIMARY KEY (org_id)
) ENGINE=InnoDB;
