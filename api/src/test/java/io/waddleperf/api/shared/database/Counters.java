package io.waddleperf.api.shared.database;

import java.util.Map;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * A read-modify-write service guarded by a version column: the statements Hibernate issues for
 * an entity with {@code @Version}, written out with {@code JdbcTemplate} because a test-only
 * {@code @Entity} would join every API test context's entity scan and fail its schema validation.
 */
class Counters {

    static final String TABLE = """
            CREATE TABLE IF NOT EXISTS galera_it.counters (
                id      UUID   NOT NULL PRIMARY KEY,
                value   BIGINT NOT NULL,
                version BIGINT NOT NULL
            ) ENGINE = InnoDB""";

    private final JdbcTemplate jdbc;

    Counters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @RetryOnConflict
    @Transactional
    public void increment(UUID id) {
        Map<String, Object> row = jdbc.queryForMap("SELECT value, version FROM counters WHERE id = ?", id.toString());
        long value = ((Number) row.get("value")).longValue();
        long version = ((Number) row.get("version")).longValue();
        int updated = jdbc.update(
                "UPDATE counters SET value = ?, version = version + 1 WHERE id = ? AND version = ?",
                value + 1,
                id.toString(),
                version);
        if (updated != 1) {
            throw new OptimisticLockingFailureException("counter " + id + " changed after version " + version);
        }
    }
}
