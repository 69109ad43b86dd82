package io.waddleperf.api.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.GaleraCluster;
import io.waddleperf.api.support.GaleraCluster.Node;
import io.waddleperf.api.support.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API's schema on the cluster: Flyway migrated node 1 through the failover URL when this
 * context started, and every node must hold the same tables and history; the nodes enforce the
 * strict mode that keeps unreplicable tables out.
 */
@ApiIntegrationTest
class StrictClusterGaleraIT {

    static final int ER_GALERA_REPLICATION_NOT_SUPPORTED = 4165;

    GaleraCluster cluster;

    @BeforeEach
    void cluster() {
        cluster = TestDatabase.galera();
        cluster.awaitSynced();
        cluster.createDatabase("galera_it");
    }

    @Test
    void migrationsReachEveryNode() throws SQLException {
        List<String> tables = cluster.node(1).query("""
                SELECT CONCAT(table_name, ' ', engine) FROM information_schema.tables
                WHERE table_schema = 'waddleperf' ORDER BY table_name""");
        List<String> history = cluster.node(1).query("""
                SELECT CONCAT_WS(' ', installed_rank, version, script, checksum, success)
                FROM waddleperf.flyway_schema_history ORDER BY installed_rank""");

        assertThat(tables).contains("flyway_schema_history InnoDB", "organisations InnoDB");
        assertThat(history).isNotEmpty().allSatisfy(row -> assertThat(row).endsWith(" 1"));
        for (Node node : cluster.nodes()) {
            assertThat(node.query("""
                            SELECT CONCAT(table_name, ' ', engine) FROM information_schema.tables
                            WHERE table_schema = 'waddleperf' ORDER BY table_name""")).as("tables on %s", node).isEqualTo(tables);
            assertThat(node.query("""
                            SELECT CONCAT_WS(' ', installed_rank, version, script, checksum, success)
                            FROM waddleperf.flyway_schema_history ORDER BY installed_rank""")).as("Flyway history on %s", node).isEqualTo(history);
        }
    }

    @Test
    void everyNodeRunsInStrictModeInTheFullCluster() throws SQLException {
        for (Node node : cluster.nodes()) {
            assertThat(node.query("SELECT @@wsrep_mode").getFirst())
                    .as("wsrep_mode on %s", node)
                    .contains("REQUIRED_PRIMARY_KEY", "STRICT_REPLICATION");
            assertThat(node.query("SELECT @@binlog_format").getFirst()).isEqualTo("ROW");
            assertThat(node.status())
                    .containsEntry("wsrep_cluster_size", "3")
                    .containsEntry("wsrep_cluster_status", "Primary")
                    .containsEntry("wsrep_ready", "ON");
        }
    }

    @Test
    void rejectsATableWithoutPrimaryKey() {
        assertThatExceptionOfType(SQLException.class)
                .isThrownBy(
                        () -> cluster.node(2).execute("CREATE TABLE galera_it.no_key (a INT NOT NULL) ENGINE=InnoDB"))
                .satisfies(e -> assertThat(e.getErrorCode()).isEqualTo(ER_GALERA_REPLICATION_NOT_SUPPORTED));
    }

    @Test
    void rejectsATableThatGaleraDoesNotReplicate() {
        assertThatExceptionOfType(SQLException.class)
                .isThrownBy(() ->
                        cluster.node(3).execute("CREATE TABLE galera_it.not_innodb (a INT PRIMARY KEY) ENGINE=MyISAM"))
                .satisfies(e -> assertThat(e.getErrorCode()).isEqualTo(ER_GALERA_REPLICATION_NOT_SUPPORTED));
    }
}
