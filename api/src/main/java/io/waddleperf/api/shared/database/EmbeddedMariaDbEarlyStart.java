package io.waddleperf.api.shared.database;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded MariaDB on a background thread as soon as the application context is
 * prepared, before it is refreshed. The database process then comes up (seconds: unpacking and
 * installing the first time, InnoDB start every time) while Spring parses the configuration
 * classes and scans the components, instead of after them; {@link EmbeddedDatabaseConfiguration}
 * takes the running database from here. Registered in META-INF/spring.factories, so it sees every
 * property source the context will have (including those of context initializers), and does
 * nothing when {@code spring.datasource.url} is set, like the configuration itself.
 */
final class EmbeddedMariaDbEarlyStart implements ApplicationListener<ApplicationPreparedEvent> {

    /** At most one start in flight per set of properties, taken by the context that asked. */
    private static final ConcurrentMap<EmbeddedDatabaseProperties, CompletableFuture<EmbeddedMariaDb>> STARTING =
            new ConcurrentHashMap<>();

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
        if (!environment.getProperty("spring.datasource.url", "").isEmpty()) {
            return;
        }
        EmbeddedDatabaseProperties properties;
        try {
            properties =
                    Binder.get(environment).bindOrCreate("waddleperf.embedded-db", EmbeddedDatabaseProperties.class);
        } catch (RuntimeException e) {
            // Invalid settings: the context's own binding reports them, with validation.
            return;
        }
        STARTING.computeIfAbsent(
                properties,
                p -> CompletableFuture.supplyAsync(
                        () -> EmbeddedMariaDb.start(p.dataDir(), p.port(), p.database()),
                        task -> Thread.ofPlatform()
                                .name("embedded-mariadb-start")
                                .daemon()
                                .start(task)));
    }

    /** The database started early for these properties, or a new one when none was. */
    static EmbeddedMariaDb take(EmbeddedDatabaseProperties properties) {
        CompletableFuture<EmbeddedMariaDb> starting = STARTING.remove(properties);
        if (starting == null) {
            return EmbeddedMariaDb.start(properties.dataDir(), properties.port(), properties.database());
        }
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
