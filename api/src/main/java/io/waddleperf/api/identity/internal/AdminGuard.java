package io.waddleperf.api.identity.internal;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serialises the membership changes of one organisation that could take away its last ADMIN.
 * Counting the ADMINs and then demoting one is a read-then-write: two ADMINs demoting each other
 * at once would each count two and leave none. Both now first write the organisation's guard row,
 * so on one server the second waits for the first to commit, and on Galera (where row locks are
 * not cluster-wide) their write sets overlap and the later one fails certification, is retried
 * ({@code @RetryOnConflict}) and then counts one ADMIN.
 */
@Component
class AdminGuard {

    private final JdbcTemplate jdbc;

    AdminGuard(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes the guard row. Call it first in the transaction, before any read: a repeatable-read
     * snapshot starts at the first read, and it must start after the wait, or the count it sees
     * would be the stale one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void enter(UUID orgId) {
        jdbc.update(
                "INSERT INTO identity_admin_guards (org_id, changes) VALUES (?, 1)"
                        + " ON DUPLICATE KEY UPDATE changes = changes + 1",
                orgId.toString());
    }
}
