package io.waddleperf.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Galera replicates only InnoDB tables with primary keys and does not replicate table or user
 * locks; this lint stops such a migration before it reaches a cluster (SPEC section 10).
 */
class MigrationLintTests {

    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[a-z0-9]+(_[a-z0-9]+)+\\.sql");
    private static final Pattern CREATE_TABLE =
            Pattern.compile("CREATE\\s+TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?`?(\\w+)`?", Pattern.CASE_INSENSITIVE);

    @Test
    void everyMigrationIsGaleraSafe() throws IOException {
        List<String> problems = new ArrayList<>();
        TreeMap<Integer, String> versions = new TreeMap<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                Matcher matcher = NAME.matcher(name);
                if (!matcher.matches()) {
                    problems.add(name + ": name must be V<n>__<module>_<what>.sql");
                    continue;
                }
                String previous = versions.put(Integer.parseInt(matcher.group(1)), name);
                if (previous != null) {
                    problems.add(name + ": version already used by " + previous);
                }
                lint(name, Files.readString(file, StandardCharsets.UTF_8)).forEach(problems::add);
            }
        }

        assertThat(versions).as("migrations found in %s", MIGRATIONS).isNotEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void rejectsTableWithoutPrimaryKey() {
        assertThat(lint("V9__x_y.sql", "CREATE TABLE t (id INT NOT NULL) ENGINE=InnoDB;"))
                .containsExactly("V9__x_y.sql: table t has no PRIMARY KEY");
    }

    @Test
    void rejectsOtherEnginesLocksAndXa() {
        assertThat(lint("V9__x_y.sql", "CREATE TABLE t (id INT PRIMARY KEY) ENGINE = MyISAM;"))
                .containsExactly("V9__x_y.sql: uses ENGINE=MYISAM; only InnoDB replicates");
        assertThat(lint("V9__x_y.sql", "LOCK TABLES t WRITE;")).hasSize(1);
        assertThat(lint("V9__x_y.sql", "SELECT GET_LOCK('a', 1);")).hasSize(1);
        assertThat(lint("V9__x_y.sql", "XA START 'x';")).hasSize(1);
    }

    @Test
    void rejectsMoreThanOneStatement() {
        assertThat(lint("V9__x_y.sql", "CREATE TABLE a (id INT PRIMARY KEY);\nCREATE TABLE b (id INT PRIMARY KEY);"))
                .containsExactly("V9__x_y.sql: holds 2 statements; one DDL change per migration");
    }

    @Test
    void acceptsPrimaryKeyDeclaredInlineOrAsConstraint() {
        assertThat(lint("V9__x_y.sql", "CREATE TABLE t (id UUID NOT NULL PRIMARY KEY) ENGINE=InnoDB;"))
                .isEmpty();
        assertThat(lint("V9__x_y.sql", "CREATE TABLE t (a INT, b INT, PRIMARY KEY (a, b)) ENGINE=InnoDB;"))
                .isEmpty();
    }

    static List<String> lint(String name, String sql) {
        List<String> problems = new ArrayList<>();
        String code = stripComments(sql);
        String upper = code.toUpperCase(Locale.ROOT);
        long statements = Stream.of(code.split(";")).filter(s -> !s.isBlank()).count();
        if (statements > 1) {
            problems.add(name + ": holds " + statements + " statements; one DDL change per migration");
        }
        Matcher create = CREATE_TABLE.matcher(code);
        while (create.find()) {
            if (!upper.contains("PRIMARY KEY")) {
                problems.add(name + ": table " + create.group(2) + " has no PRIMARY KEY");
            }
        }
        Matcher engine = Pattern.compile("ENGINE\\s*=\\s*(\\w+)").matcher(upper);
        while (engine.find()) {
            if (!engine.group(1).equals("INNODB")) {
                problems.add(name + ": uses ENGINE=" + engine.group(1) + "; only InnoDB replicates");
            }
        }
        for (String forbidden : List.of("LOCK TABLES", "GET_LOCK", "XA START", "XA BEGIN", "MYISAM")) {
            if (upper.contains(forbidden) && !(forbidden.equals("MYISAM") && upper.contains("ENGINE"))) {
                problems.add(name + ": uses " + forbidden + ", which Galera does not replicate safely");
            }
        }
        return problems;
    }

    private static String stripComments(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    }
}
