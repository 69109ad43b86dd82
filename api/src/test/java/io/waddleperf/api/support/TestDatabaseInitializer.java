package io.waddleperf.api.support;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a Spring test context at the shared {@link TestDatabase}. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase db = TestDatabase.get();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "waddleperf-test-database",
                        Map.of(
                                "spring.datasource.url", db.url(),
                                "spring.datasource.username", db.username(),
                                "spring.datasource.password", db.password())));
    }
}
