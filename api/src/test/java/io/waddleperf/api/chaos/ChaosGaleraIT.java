package io.waddleperf.api.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.chaos.ChaosDriver.Fault;
import io.waddleperf.api.chaos.ChaosDriver.Row;
import io.waddleperf.api.chaos.ChaosDriver.Settings;
import io.waddleperf.api.support.ApiReplicas;
import io.waddleperf.api.support.TestDatabase;
import io.waddleperf.api.support.TestNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The chaos suite's short version in ./mvnw verify (issue #20): {@link ChaosDriver} with few
 * monitors and short faults, on the galera-it execution's 3-node cluster. bench/chaos runs the
 * same driver with the long settings (it passes {@code waddleperf.chaos.*} system properties,
 * which override the defaults here). Every row of the table must show nothing lost and nothing
 * duplicated.
 *
 * <p>Galera only (the *GaleraIT naming keeps it out of the plain-MariaDB Failsafe run; picked by
 * name there, it skips itself). It needs the packaged API and test-server jars.
 */
class ChaosGaleraIT {

    static final Settings SHORT = new Settings(
            2,
            3,
            30,
            30,
            Duration.ofSeconds(12),
            Duration.ofSeconds(45),
            List.of(
                    Fault.API_REPLICA_KILL,
                    Fault.GALERA_NODE_KILL,
                    Fault.NODE_KILL_MID_RUN,
                    Fault.WEBHOOK_DOWN,
                    Fault.LICENSE_DOWN));

    @Test
    void nothingIsLostOrDuplicatedWhileFaultsComeOneAfterAnother() throws Exception {
        if (!Boolean.getBoolean(TestDatabase.GALERA)) {
            System.out.println("ChaosGaleraIT skipped: it runs in the galera-it Failsafe execution,"
                    + " on the 3-node cluster (-D" + TestDatabase.GALERA + "=true)");
            Assumptions.abort("needs the Galera cluster of the galera-it execution");
        }
        assertThat(ApiReplicas.JAR).as("the packaged API jar").exists();
        assertThat(TestNode.JAR).as("the packaged test-server jar").exists();

        Settings settings = Settings.fromSystemProperties(SHORT);
        long began = System.nanoTime();
        List<Row> rows;
        boolean passed = false;
        ChaosDriver driver = new ChaosDriver(settings, TestDatabase.galera());
        try {
            rows = driver.run();
            System.out.println("ChaosGaleraIT (" + settings + "), "
                    + Duration.ofNanos(System.nanoTime() - began).toSeconds() + " s in all:\n"
                    + ChaosDriver.table(rows));
            assertThat(rows).hasSize(settings.faults().size() + 1);
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.lost())
                        .as(row.fault() + " lost: " + row.detail())
                        .isZero();
                assertThat(row.duplicated())
                        .as(row.fault() + " duplicated: " + row.detail())
                        .isZero();
            });
            passed = true;
        } finally {
            if (!passed) {
                System.out.println("ChaosGaleraIT: the table so far:\n" + ChaosDriver.table(driver.rows()));
                driver.printLogTails();
            }
            driver.close();
        }
    }
}
