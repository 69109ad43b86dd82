package io.waddleperf.api.shared.database;

import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The API's data layer as Boot assembles it — Hikari pool, Hibernate with JPA transactions,
 * {@code JdbcTemplate}, AOP, Micrometer — plus {@link RetryOnConflict}, on one JDBC URL and
 * without web tier or Flyway. Galera tests start one per node to get writers that commit on
 * different nodes, which a single application never does.
 *
 * <p>A {@code @TestConfiguration}, so the API's own component scan in other tests passes it by.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ConflictRetryConfiguration.class, Counters.class, Writes.class})
class DataLayer {

    static ConfigurableApplicationContext start(String url, String... properties) {
        return new SpringApplicationBuilder(DataLayer.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .properties(Stream.concat(
                                Stream.of(
                                        "spring.datasource.url=" + url,
                                        "spring.datasource.username=root",
                                        "spring.datasource.password=",
                                        "spring.datasource.hikari.maximum-pool-size=4",
                                        // Tables here are the tests' own, created by the tests.
                                        "spring.flyway.enabled=false",
                                        "spring.jpa.hibernate.ddl-auto=none"),
                                Stream.of(properties))
                        .toArray(String[]::new))
                .run();
    }
}
