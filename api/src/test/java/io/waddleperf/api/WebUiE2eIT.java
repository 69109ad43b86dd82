package io.waddleperf.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.support.ApiReplicas;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The web UI end to end in headless Chromium (webui/e2e/app.js): the packaged API jar with its
 * embedded MariaDB, the packaged UI inside it, and a real test-server node that the script starts
 * with the enrolment token an ADMIN creates in the UI. Runs in the integration-test phase, when
 * api/target/waddleperf-api.jar and testserver/target/waddleperf-testserver.jar exist; webui's
 * build has installed playwright-core. Screenshots land in api/target/e2e.
 */
class WebUiE2eIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("waddleperf.e2e.chromium", "/usr/bin/chromium"));
    private static final Path API_JAR = Path.of("target", "waddleperf-api.jar");
    private static final Path NODE_JAR = Path.of("..", "testserver", "target", "waddleperf-testserver.jar");
    private static final Path WEBUI = Path.of("..", "webui");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process api;
    private Path data;

    @Test
    void adminEnrolsANodeCreatesATestAndAViewerSeesNoEditControls() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println("WebUiE2eIT skipped: no Chromium at " + CHROMIUM
                    + " (Debian: apt-get install chromium; .ci/run installs it)");
            Assumptions.abort("no Chromium at " + CHROMIUM);
        }
        assertThat(API_JAR).as("the packaged API jar").exists();
        assertThat(NODE_JAR).as("the packaged test-server jar").exists();
        assertThat(WEBUI.resolve("node_modules/playwright-core"))
                .as("webui's npm ci")
                .exists();

        data = Files.createTempDirectory("waddleperf-e2e-api-");
        String password = "e2e-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String base = null;
        // The API's port is picked here and bound by the API some seconds later, after its
        // embedded MariaDB and S3 store have picked free ports of their own: another process (or
        // one of those) may take it first. Once in CI the API exited at start-up and its log was
        // gone; now the log's tail is printed, and a start that lost its port is tried once more.
        for (int attempt = 1; base == null; attempt++) {
            int port = freePort();
            ProcessBuilder apiBuilder = new ProcessBuilder(java, "-jar", API_JAR.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolve("api.log").toFile());
            apiBuilder
                    .environment()
                    .putAll(Map.of(
                            "PORT",
                            Integer.toString(port),
                            "WADDLEPERF_DATA_DIR",
                            // Its own per attempt: what a failed start left there is not reused.
                            data.resolve("data-" + attempt).toString(),
                            "WADDLEPERF_IDENTITY_BOOTSTRAPADMINPASSWORD",
                            password,
                            "WADDLEPERF_LOG_FORMAT",
                            "",
                            // The e2e's tier-3 run: a 3 s transfer instead of SPEC's 60 s.
                            "WADDLEPERF_RUNS_TIERPLAN_TIER3THROUGHPUTSECONDS",
                            "3",
                            // The GeoIP database the build fetched, as ./run ships it.
                            "WADDLEPERF_GEO_DBIPDIRECTORY",
                            System.getProperty("waddleperf.geo.dbip-directory")));
            api = apiBuilder.start();
            String started = "http://127.0.0.1:" + port;
            // Embedded MariaDB and Spring start in well under a minute here; the margin covers a
            // slow first unpack on a busy machine.
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !api.isAlive() || ApiReplicas.ready(http, started));
            if (api.isAlive()) {
                base = started;
            } else {
                printApiLogTail();
                boolean lostPort = Files.readString(data.resolve("api.log")).contains("already in use");
                assertThat(lostPort && attempt == 1)
                        .as("the API exited during start-up (its log's tail is above)")
                        .isTrue();
            }
        }

        Path screenshots = Path.of("target", "e2e").toAbsolutePath();
        ProcessBuilder script = new ProcessBuilder("node", "e2e/app.js")
                .directory(WEBUI.toFile())
                .redirectErrorStream(true);
        script.environment()
                .putAll(Map.of(
                        "WADDLEPERF_E2E_URL",
                        base,
                        "WADDLEPERF_E2E_PASSWORD",
                        password,
                        "WADDLEPERF_E2E_TESTSERVER_JAR",
                        NODE_JAR.toAbsolutePath().toString(),
                        "WADDLEPERF_E2E_JAVA",
                        java,
                        "WADDLEPERF_E2E_SCREENSHOTS",
                        screenshots.toString(),
                        "CHROMIUM_PATH",
                        CHROMIUM.toString()));
        Process browser = script.start();
        // Echoed line by line through System.out, which Failsafe forwards to the build log; a
        // child writing to the inherited descriptor would corrupt Failsafe's channel instead.
        Thread echo = Thread.ofVirtual().start(() -> {
            try (var lines = browser.inputReader().lines()) {
                lines.forEach(line -> System.out.println("[e2e] " + line));
            }
        });
        boolean finished = browser.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            browser.descendants().forEach(ProcessHandle::destroy);
            browser.destroy();
        }
        echo.join(Duration.ofSeconds(10));
        int exit = finished ? browser.exitValue() : -1;
        if (exit != 0) {
            printApiLogTail();
        }
        assertThat(exit)
                .as("node e2e/app.js (its output is above, prefixed [e2e]; screenshots in " + screenshots + ")")
                .isZero();
    }

    @AfterEach
    void stopApi() throws Exception {
        if (api != null && api.isAlive()) {
            // SIGTERM: a graceful shutdown that also stops the embedded MariaDB.
            api.destroy();
            if (!api.waitFor(60, TimeUnit.SECONDS)) {
                api.destroyForcibly();
            }
        }
        if (data != null) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private void printApiLogTail() throws IOException {
        var lines = Files.readAllLines(data.resolve("api.log"));
        System.out.println("--- last lines of the API log ---");
        lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
