package io.waddleperf.api.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Read-your-writes on Galera. A commit on one node is certified everywhere at once but applied on
 * the others a moment later, and by default ({@code wsrep_sync_wait=0}) a read there does not wait
 * for it. When the pool's connections reach more than one node (a load-balancing URL or proxy,
 * several replicas, or the failover URL after a node came back), what one request or thread has
 * just committed can be missing for the next: a run created by a request that its dispatcher
 * thread could not find, or a test that 404s right after it was created.
 *
 * <p>So when the database is a Galera node, every pooled connection starts with
 * {@code SET SESSION wsrep_sync_wait = 1}: each read first waits until the node has applied every
 * write set the cluster had committed when the read began. It costs one group round trip per
 * read; {@code waddleperf.database.galera.causal-reads=false} turns it off. On a single MariaDB
 * nothing changes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GaleraProperties.class)
class CausalReadsConfiguration {

    static final String SYNC_WAIT = "SET SESSION wsrep_sync_wait = 1";

    private static final Logger log = LoggerFactory.getLogger(CausalReadsConfiguration.class);

    @Bean
    static BeanPostProcessor galeraCausalReads(ObjectProvider<GaleraProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                // Hikari opens its pool on the first getConnection, after this: the init SQL
                // still applies to every connection it will ever make.
                if (bean instanceof HikariDataSource pool
                        && !pool.isRunning()
                        && properties.getObject().causalReads()
                        && isGalera(pool)) {
                    causalReads(pool);
                    log.info("Galera detected: reads wait for the cluster's earlier commits (wsrep_sync_wait=1)");
                }
                return bean;
            }
        };
    }

    /** Makes every connection the pool opens from now on read causally. */
    static void causalReads(HikariDataSource pool) {
        String existing = pool.getConnectionInitSql();
        pool.setConnectionInitSql(existing == null || existing.isBlank() ? SYNC_WAIT : existing + "; " + SYNC_WAIT);
    }

    /**
     * Asks the server behind the pool's URL whether replication is on. A server without the
     * variable (no wsrep support) or one that cannot be reached yet is treated as a single
     * MariaDB; the pool reports an unreachable database itself, with its own retries.
     */
    static boolean isGalera(HikariDataSource pool) {
        if (pool.getJdbcUrl() == null) {
            return false;
        }
        try (Connection connection =
                        DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT @@wsrep_on")) {
            return row.next() && row.getBoolean(1);
        } catch (SQLException e) {
            log.debug("Not a Galera node, or not reachable yet: {}", e.getMessage());
            return false;
        }
    }
}
