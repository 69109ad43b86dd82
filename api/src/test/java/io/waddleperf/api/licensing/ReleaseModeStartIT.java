package io.waddleperf.api.licensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.waddleperf.api.WaddlePerfApi;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.LicenseServer;
import io.waddleperf.api.support.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** In release mode a bad license stops the start with one line that names the reason. */
class ReleaseModeStartIT {

    static final LicenseServer LICENSE_SERVER = new LicenseServer();

    @AfterAll
    static void stop() {
        LICENSE_SERVER.close();
    }

    @Test
    void malformedKeyStopsTheStartWithoutCallingTheServer() {
        Throwable failure = start("PENG-ABCD-EFGH-1234-WXYZ-AAAA");

        assertThat(rootMessage(failure))
                .startsWith("WaddlePerf cannot start in release mode: LICENSE_KEY is malformed")
                .contains("checksum");
        assertThat(LICENSE_SERVER.requests("/api/v2/validate")).isEmpty();
    }

    @Test
    void revokedKeyStopsTheStartNamingTheServersAnswer() {
        LICENSE_SERVER.reject(403, "license revoked");

        Throwable failure = start(LicenseServer.KEY);

        assertThat(rootMessage(failure))
                .startsWith("WaddlePerf cannot start in release mode: the license server did not confirm the license")
                .contains("403");
    }

    @Test
    void failureAnalyzerPrintsTheReasonAndWhatToDo() {
        Throwable failure = start("not-a-key");
        Throwable licenseFailure = failure;
        while (!licenseFailure.getClass().getSimpleName().equals("LicenseStartupFailure")) {
            licenseFailure = licenseFailure.getCause();
        }

        FailureAnalysis analysis =
                new io.waddleperf.api.licensing.internal.LicenseStartupFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo(licenseFailure.getMessage());
        assertThat(analysis.getAction()).contains("LICENSE_KEY", "RELEASE_MODE=false");
    }

    private static Throwable start(String key) {
        TestDatabase db = TestDatabase.get();
        SpringApplication app = new SpringApplicationBuilder(WaddlePerfApi.class).build();
        // Command-line arguments, like an operator's: they outrank application.yml.
        Throwable failure = catchThrowable(() -> app.run(
                        "--server.port=0",
                        "--spring.datasource.url=" + db.url(),
                        "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password(),
                        "--waddleperf.licensing.release-mode=true",
                        "--waddleperf.licensing.key=" + key,
                        "--waddleperf.licensing.server-url=" + LICENSE_SERVER.url(),
                        "--waddleperf.licensing.call-timeout=2s",
                        // Release mode also requires the notification channels' key; given, so the
                        // license is the only thing missing.
                        "--waddleperf.notifications.secret-key=" + ApiIntegrationTest.NOTIFICATIONS_KEY,
                        // The archive's embedded store may start before the license check fails.
                        "--waddleperf.archive.data-dir=target/archive-it")
                .close());
        assertThat(failure).as("the start must fail").isNotNull();
        return failure;
    }

    private static String rootMessage(Throwable failure) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            chain.add(t);
        }
        return chain.stream()
                .filter(t -> t.getClass().getSimpleName().equals("LicenseStartupFailure"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no LicenseStartupFailure in " + chain))
                .getMessage();
    }
}
