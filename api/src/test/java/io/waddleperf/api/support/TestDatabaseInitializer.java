package io.waddleperf.api.support;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the shared {@link TestDatabase}. On the Galera cluster, a test
 * that sets {@value #SPREAD} to true gets a pool whose connections go to all nodes at random
 * (the load-balancing URL) instead of all to the first one.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SPREAD = "waddleperf.test.spread-connections";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase db = TestDatabase.get();
        boolean spread = context.getEnvironment().getProperty(SPREAD, Boolean.class, false);
        String url = spread ? TestDatabase.galera().loadBalancedUrl("waddleperf") : db.url();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "waddleperf-test-database",
                        Map.of(
                                "spring.datasource.url", url,
                                "spring.datasource.username", db.username(),
                                "spring.datasource.password", db.password())));
    }
}
