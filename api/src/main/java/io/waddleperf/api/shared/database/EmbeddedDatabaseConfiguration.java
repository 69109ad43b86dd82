package io.waddleperf.api.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Zero-setup default: with no {@code spring.datasource.url} the API runs its own MariaDB. Defining
 * the DataSource here makes Boot's DataSource auto-configuration step back, and Flyway and JPA
 * use this one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedMariaDb embeddedMariaDb(EmbeddedDatabaseProperties properties) {
        // Usually already starting since before the refresh (EmbeddedMariaDbEarlyStart).
        return EmbeddedMariaDbEarlyStart.take(properties);
    }

    @Bean
    DataSource dataSource(EmbeddedMariaDb mariaDb, EmbeddedDatabaseProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(mariaDb.jdbcUrl(properties.database()));
        dataSource.setUsername("root");
        dataSource.setPoolName("embedded-mariadb");
        return dataSource;
    }
}
