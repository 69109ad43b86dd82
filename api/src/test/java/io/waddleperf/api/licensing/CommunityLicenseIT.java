package io.waddleperf.api.licensing;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.LicenseServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Release mode with a community license from the (stubbed) license server. */
@ApiIntegrationTest
class CommunityLicenseIT {

    static final LicenseServer LICENSE_SERVER = new LicenseServer();

    @DynamicPropertySource
    static void releaseMode(DynamicPropertyRegistry registry) {
        // max_users is installation-wide; the shared test database already holds many users.
        LICENSE_SERVER.license("community", List.of(), 100_000, 5);
        registry.add("waddleperf.licensing.release-mode", () -> "true");
        registry.add("waddleperf.licensing.key", () -> LicenseServer.KEY);
        registry.add("waddleperf.licensing.server-url", LICENSE_SERVER::url);
    }

    @AfterAll
    static void stop() {
        LICENSE_SERVER.close();
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient http;
    Org org;

    @BeforeEach
    void org() {
        http = new HttpTestClient(port);
        org = new Fixtures(http).createOrg("Community " + UUID.randomUUID());
    }

    @Test
    void unlicensedFeatureAnswers402NamingTheFeature() {
        Response keys = http.get("/api/v1/orgs/" + org.id() + "/api-keys", "Authorization", bearer(org.adminToken()));
        Response audit = http.get("/api/v1/orgs/" + org.id() + "/audit", "Authorization", bearer(org.adminToken()));
        Response sso = http.get("/api/v1/orgs/" + org.id() + "/sso", "Authorization", bearer(org.adminToken()));
        Response heatmap = http.get("/api/v1/orgs/" + org.id() + "/heatmap", "Authorization", bearer(org.adminToken()));
        Response pdf =
                http.get("/api/v1/orgs/" + org.id() + "/heatmap/report.pdf", "Authorization", bearer(org.adminToken()));

        assertThat(keys.status()).isEqualTo(402);
        assertThat(keys.header("Content-Type")).startsWith("application/problem+json");
        assertThat(keys.json().path("feature").asString()).isEqualTo("api_keys");
        assertThat(keys.json().path("detail").asString()).contains("api_keys", "professional");
        assertThat(audit.json().path("feature").asString()).isEqualTo("audit_log");
        assertThat(sso.json().path("feature").asString()).isEqualTo("sso");
        assertThat(heatmap.status()).isEqualTo(402);
        assertThat(heatmap.json().path("feature").asString()).isEqualTo("geo_heatmap");
        assertThat(pdf.status()).isEqualTo(402);
        assertThat(pdf.json().path("feature").asString()).isEqualTo("geo_heatmap");
    }

    @Test
    void tierThreeNeedsTheTier3Feature() {
        Response test = http.post(
                "/api/v1/orgs/" + org.id() + "/tests",
                "{\"name\":\"deep\",\"type\":\"throughput\",\"target\":\"h:5201\",\"nodeSelector\":{\"region\":\"eu\"},"
                        + "\"tier\":3}",
                "Authorization",
                bearer(org.adminToken()));

        assertThat(test.status()).isEqualTo(402);
        assertThat(test.json().path("feature").asString()).isEqualTo("tier3");
    }

    @Test
    void monitorsAnswer402NamingAutoperf() {
        String admin = bearer(org.adminToken());
        Response created = http.post(
                "/api/v1/orgs/" + org.id() + "/monitors",
                "{\"name\":\"m\",\"target\":\"example.com\",\"vantage\":[{\"region\":\"eu\"}]}",
                "Authorization",
                admin);
        Response list = http.get("/api/v1/orgs/" + org.id() + "/monitors", "Authorization", admin);
        Response board = http.get("/api/v1/orgs/" + org.id() + "/monitors/board", "Authorization", admin);
        Response scrape = http.get(
                "/api/v1/orgs/" + org.id() + "/metrics",
                "Authorization",
                admin,
                "Accept",
                "application/openmetrics-text;version=1.0.0,*/*;q=0.1");

        assertThat(created.status()).isEqualTo(402);
        assertThat(created.json().path("feature").asString()).isEqualTo("autoperf");
        assertThat(list.status()).isEqualTo(402);
        assertThat(board.status()).isEqualTo(402);
        assertThat(board.json().path("feature").asString()).isEqualTo("autoperf");
        // A scraper asking for metrics text still gets the problem document, not an empty 406.
        assertThat(scrape.status()).isEqualTo(402);
        assertThat(scrape.json().path("feature").asString()).isEqualTo("autoperf");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM monitors WHERE org_id = ?",
                        Integer.class,
                        org.id().toString()))
                .isZero();
    }

    @Test
    void alertsAnswer402NamingAutoperf() {
        String admin = bearer(org.adminToken());
        String base = "/api/v1/orgs/" + org.id();
        Response rule = http.post(
                base + "/alert-rules",
                "{\"name\":\"r\",\"condition\":{\"type\":\"thresholds\"}}",
                "Authorization",
                admin);
        Response window = http.post(
                base + "/maintenance-windows",
                "{\"name\":\"w\",\"cron\":\"0 2 * * SUN\",\"durationSeconds\":3600}",
                "Authorization",
                admin);

        assertThat(rule.status()).isEqualTo(402);
        assertThat(rule.json().path("feature").asString()).isEqualTo("autoperf");
        assertThat(window.status()).isEqualTo(402);
        for (String path : new String[] {"/alert-rules", "/alerts", "/alerts/by-monitor", "/maintenance-windows"}) {
            Response read = http.get(base + path, "Authorization", admin);
            assertThat(read.status()).as(path).isEqualTo(402);
            assertThat(read.json().path("feature").asString()).as(path).isEqualTo("autoperf");
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM alert_rules WHERE org_id = ?",
                        Integer.class,
                        org.id().toString()))
                .isZero();
    }

    @Test
    void captureArchiveAnswers402AndRunsEndWithoutArtefacts() {
        String admin = bearer(org.adminToken());
        Fixtures fixtures = new Fixtures(http);
        String runId = fixtures.startTierRun(org, admin, 1, "example.com");
        fixtures.awaitRunEnd(org, admin, runId, Duration.ofSeconds(30));

        Response list = http.get("/api/v1/orgs/" + org.id() + "/runs/" + runId + "/artefacts", "Authorization", admin);

        assertThat(list.status()).isEqualTo(402);
        assertThat(list.json().path("feature").asString()).isEqualTo("capture_archive");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM archive_artefacts WHERE org_id = ?",
                        Integer.class,
                        org.id().toString()))
                .isZero();
    }

    @Test
    void tierThreeRunNeedsTheTier3FeatureAndTierTwoDoesNot() {
        Response three = http.post(
                "/api/v1/orgs/" + org.id() + "/runs",
                "{\"tier\":3,\"target\":\"example.com\"}",
                "Authorization",
                bearer(org.adminToken()));
        Response two = http.post(
                "/api/v1/orgs/" + org.id() + "/runs",
                "{\"tier\":2,\"target\":\"example.com\"}",
                "Authorization",
                bearer(org.adminToken()));

        assertThat(three.status()).isEqualTo(402);
        assertThat(three.json().path("feature").asString()).isEqualTo("tier3");
        assertThat(two.status()).isEqualTo(202);
    }

    @Test
    void tierThreeResultsCannotBeSentWithoutTheTier3Feature() {
        Response three = sendResult(3);
        Response two = sendResult(2);

        assertThat(three.status()).as(three.body()).isEqualTo(402);
        assertThat(three.json().path("feature").asString()).isEqualTo("tier3");
        assertThat(two.status()).as(two.body()).isEqualTo(201);
    }

    private Response sendResult(int tier) {
        return http.post(
                "/api/v1/orgs/" + org.id() + "/results",
                "{\"type\":\"dns\",\"target\":\"example.com\",\"status\":\"succeeded\","
                        + "\"finishedAt\":\"2026-11-21T08:00:00Z\",\"summary\":{\"timeMillis\":12.5},\"tier\":"
                        + tier + "}",
                "Authorization",
                bearer(org.adminToken()),
                "Idempotency-Key",
                UUID.randomUUID().toString());
    }

    @Test
    void communityFeaturesStillWork() {
        assertThat(http.get("/api/v1/orgs/" + org.id() + "/members", "Authorization", bearer(org.adminToken()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void strangersLearnNothingAboutTheLicense() {
        Org other = new Fixtures(http).createOrg("Stranger " + UUID.randomUUID());

        Response crossOrg =
                http.get("/api/v1/orgs/" + org.id() + "/api-keys", "Authorization", bearer(other.adminToken()));

        assertThat(crossOrg.status()).as("404 comes before 402").isEqualTo(404);
    }

    @Test
    void statusShowsTierFeaturesAndLimits() {
        Response status = http.get("/api/v1/orgs/" + org.id() + "/license", "Authorization", bearer(org.adminToken()));

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("mode").asString()).isEqualTo("online");
        assertThat(status.json().path("tier").asString()).isEqualTo("community");
        assertThat(status.json().path("key").asString()).contains("****");
        assertThat(status.json().path("limits").path("maxServers").asInt()).isEqualTo(5);
        assertThat(status.json()
                        .path("features")
                        .valueStream()
                        .filter(f -> f.path("entitled").asBoolean())
                        .count())
                .isZero();
        assertThat(LICENSE_SERVER.requests("/api/v2/validate")).isNotEmpty();
        assertThat(LICENSE_SERVER.requests("/api/v2/validate").getFirst().getHeader("Authorization"))
                .isEqualTo("Bearer " + LicenseServer.KEY);
    }
}
