package io.waddleperf.api.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.waddleperf.api.support.GaleraCluster;
import io.waddleperf.api.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Node 2 is held back from applying replicated writes (desynced, with a global read lock) while
 * node 1 commits a row, as a busy or slow node lags. A plain read on node 2 answers at once
 * without the row; a read on a connection of the API's pool, which waits for the cluster's
 * earlier commits, answers with it once node 2 has caught up.
 */
class CausalReadsGaleraIT {

    GaleraCluster cluster;
    Connection holdBack;

    @BeforeEach
    void table() throws SQLException {
        cluster = TestDatabase.galera();
        cluster.awaitSynced();
        cluster.createDatabase("galera_it");
        cluster.node(1)
                .execute("CREATE TABLE IF NOT EXISTS galera_it.causal (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB");
        cluster.node(1).execute("DELETE FROM galera_it.causal");
    }

    @AfterEach
    void release() throws SQLException {
        if (holdBack != null && !holdBack.isClosed()) {
            releaseNodeTwo();
        }
    }

    @Test
    void aPooledReadSeesWhatAnotherNodeCommittedWhereAPlainReadDoesNot() throws Exception {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(cluster.node(2).jdbcUrl("galera_it"));
            pool.setUsername("root");
            pool.setPassword("");
            pool.setMaximumPoolSize(1);
            assertThat(CausalReadsConfiguration.isGalera(pool)).isTrue();
            CausalReadsConfiguration.causalReads(pool);
            count(pool);

            holdBack = cluster.node(2).connect("galera_it");
            try (Statement statement = holdBack.createStatement()) {
                statement.execute("SET SESSION wsrep_sync_wait = 0");
                statement.execute("SET GLOBAL wsrep_desync = ON");
                statement.execute("FLUSH TABLES WITH READ LOCK");
            }
            cluster.node(1).execute("INSERT INTO galera_it.causal (id) VALUES (1)");

            int plain;
            try (Connection connection = cluster.node(2).connect("galera_it");
                    Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION wsrep_sync_wait = 0");
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM causal")) {
                    rows.next();
                    plain = rows.getInt(1);
                }
            }
            CompletableFuture<Integer> causal = CompletableFuture.supplyAsync(() -> count(pool));
            // Release node 2 only once the pooled read is waiting there, so its answer shows it
            // waited rather than ran after the node had caught up.
            await().atMost(Duration.ofSeconds(20)).until(() -> runningCounts() > 0);
            assertThat(causal).isNotDone();
            releaseNodeTwo();

            assertThat(plain).as("a plain read on the lagging node").isZero();
            assertThat(causal.get(30, TimeUnit.SECONDS))
                    .as("a read on the pool's connection")
                    .isEqualTo(1);
        }
    }

    private void releaseNodeTwo() throws SQLException {
        try (Statement statement = holdBack.createStatement()) {
            statement.execute("UNLOCK TABLES");
            statement.execute("SET GLOBAL wsrep_desync = OFF");
        } finally {
            holdBack.close();
        }
    }

    private int runningCounts() throws SQLException {
        try (Connection connection = cluster.node(2).connect("galera_it");
                Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION wsrep_sync_wait = 0");
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.processlist"
                    + " WHERE command = 'Query' AND info = 'SELECT COUNT(*) FROM causal'")) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static int count(DataSource pool) {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM causal")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
