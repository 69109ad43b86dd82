package io.waddleperf.api.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.waddleperf.api.WaddlePerfApi;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second WaddlePerf on a data directory another one uses is refused at once, naming the other's
 * pid. The other one is a real second process ({@link Holder}) that holds the directory's lock, as
 * the first {@code ./run} does.
 */
class DataDirectoryInUseIT {

    @TempDir
    Path dataDir;

    private Process holder;

    @BeforeEach
    void anotherProcessHoldsTheDirectory() throws Exception {
        holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Holder.class.getName(),
                        dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
    }

    @AfterEach
    void stopTheHolder() throws Exception {
        holder.getOutputStream().close();
        holder.waitFor(10, TimeUnit.SECONDS);
        holder.destroyForcibly();
    }

    @Test
    void theEmbeddedDatabaseRefusesAtOnceNamingTheOtherPid() {
        long started = System.nanoTime();

        Throwable refused = catchThrowable(() -> EmbeddedMariaDb.start(dataDir, 0, "second"));

        assertThat(refused)
                .isInstanceOf(DataDirectoryInUse.class)
                .hasMessage("Another WaddlePerf (pid " + holder.pid() + ") uses " + dataDir.toAbsolutePath());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theApplicationStopsWithOneLineAndWhatToDo() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(WaddlePerfApi.class)
                .run(
                        "--server.port=0",
                        "--waddleperf.embedded-db.data-dir=" + dataDir,
                        "--waddleperf.archive.data-dir=" + dataDir.resolve("archive"))
                .close());

        FailureAnalysis analysis = new DataDirectoryInUseFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("the start must fail on the lock, not later").isNotNull();
        assertThat(analysis.getDescription())
                .isEqualTo("Another WaddlePerf (pid " + holder.pid() + ") uses " + dataDir.toAbsolutePath())
                .doesNotContain("\n");
        assertThat(analysis.getAction()).contains("WADDLEPERF_DATA_DIR");
    }

    @Test
    void theLockIsFreeOnceTheOtherProcessHasGone() throws Exception {
        holder.getOutputStream().close();
        assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();

        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir)) {
            assertThat(lock).isNotNull();
        }
    }

    /** The other WaddlePerf: takes the lock, says so, and keeps it until its stdin closes. */
    static final class Holder {
        public static void main(String[] args) throws Exception {
            try (DataDirectoryLock lock = DataDirectoryLock.acquire(Path.of(args[0]))) {
                System.out.println("locked");
                System.out.flush();
                System.in.read();
            }
        }
    }
}
