package io.waddleperf.api.shared.database;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/** Inserts one row per call and says which node took it. */
class Writes {

    static final String TABLE = """
            CREATE TABLE IF NOT EXISTS galera_it.writes (
                id   UUID        NOT NULL PRIMARY KEY,
                node VARCHAR(64) NOT NULL
            ) ENGINE = InnoDB""";

    private final JdbcTemplate jdbc;

    Writes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns the name of the node that committed the row. */
    @RetryOnConflict
    @Transactional
    public String record(UUID id) {
        jdbc.update("INSERT INTO writes (id, node) VALUES (?, @@wsrep_node_name)", id.toString());
        return jdbc.queryForObject("SELECT @@wsrep_node_name", String.class);
    }
}
