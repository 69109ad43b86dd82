package io.waddleperf.api.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.support.GaleraCluster;
import io.waddleperf.api.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the conflict retry relies on: a transaction that holds a row lock on one node is aborted
 * when a conflicting write committed on another node is applied there (a brute-force abort), it
 * learns so from its next statement, which fails with a conflict, and nothing of it commits, also
 * when that statement binds a null. A swallowed error there would let the statements after it
 * run, and commit, in a new transaction; see docs/operations/galera.md for the case where
 * JdbcTemplate's parameter-metadata lookup did that, which {@code SpreadConnectionsGaleraIT}
 * catches end to end.
 */
class AbortedTransactionGaleraIT {

    static final String TABLE = "CREATE TABLE IF NOT EXISTS aborted_tx (id INT NOT NULL PRIMARY KEY, "
            + "val INT NULL, note VARCHAR(50) NULL) ENGINE=InnoDB";

    GaleraCluster cluster;

    @BeforeEach
    void table() throws SQLException {
        cluster = TestDatabase.galera();
        cluster.awaitSynced();
        cluster.createDatabase("galera_it");
        try (Connection c = cluster.node(1).connect("galera_it")) {
            c.createStatement().execute(TABLE);
            c.createStatement().execute("DELETE FROM aborted_tx");
            c.createStatement().execute("INSERT INTO aborted_tx (id, val) VALUES (1, 0)");
        }
    }

    @Test
    void aStatementWithANullParameterAfterABruteForceAbortFailsAndNothingCommits() throws SQLException {
        SingleConnectionDataSource nodeTwo =
                new SingleConnectionDataSource(cluster.node(2).jdbcUrl("galera_it"), "root", "", true);
        try {
            NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(nodeTwo);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(nodeTwo));
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> cluster.node(2).query("SELECT COUNT(*) FROM galera_it.aborted_tx WHERE id = 1"),
                            rows -> rows.equals(List.of("1")));

            assertThatExceptionOfType(ConcurrencyFailureException.class)
                    .isThrownBy(() -> transactions.executeWithoutResult(status -> {
                        jdbc.queryForList(
                                "SELECT val FROM aborted_tx WHERE id = 1 FOR UPDATE", Map.of(), Integer.class);
                        try {
                            cluster.node(1).execute("UPDATE galera_it.aborted_tx SET val = 1 WHERE id = 1");
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        // Applied on node 2 (seen by another session there): this transaction,
                        // which held the row, has been aborted to let it in.
                        await().atMost(Duration.ofSeconds(10))
                                .until(
                                        () -> cluster.node(2)
                                                .query("SELECT val FROM galera_it.aborted_tx WHERE id = 1"),
                                        rows -> rows.equals(List.of("1")));
                        Map<String, Object> params = new HashMap<>();
                        params.put("id", 2);
                        params.put("val", 2);
                        params.put("note", null);
                        jdbc.update("INSERT INTO aborted_tx (id, val, note) VALUES (:id, :val, :note)", params);
                        jdbc.update("INSERT INTO aborted_tx (id, val) VALUES (3, 3)", Map.of());
                    }));
        } finally {
            nodeTwo.destroy();
        }

        assertThat(cluster.node(1).query("SELECT id FROM galera_it.aborted_tx ORDER BY id"))
                .as("nothing of the aborted transaction may commit")
                .containsExactly("1");
    }
}
