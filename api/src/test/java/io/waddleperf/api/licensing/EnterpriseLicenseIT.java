package io.waddleperf.api.licensing;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.licensing.internal.LicenseKeepalive;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.LicenseServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Release mode with an enterprise license whose user limit is about to be reached. */
@ApiIntegrationTest
class EnterpriseLicenseIT {

    static final LicenseServer LICENSE_SERVER = new LicenseServer();
    static final List<String> ALL =
            List.of("autoperf", "tier3", "capture_archive", "geo_heatmap", "sso", "audit_log", "api_keys");

    @DynamicPropertySource
    static void releaseMode(DynamicPropertyRegistry registry) {
        LICENSE_SERVER.license(
                "enterprise",
                List.of("autoperf", "tier3", "capture_archive", "geo_heatmap", "sso", "audit_log", "api_keys"),
                100_000);
        registry.add("waddleperf.licensing.release-mode", () -> "true");
        registry.add("waddleperf.licensing.key", () -> LicenseServer.KEY);
        registry.add("waddleperf.licensing.server-url", LICENSE_SERVER::url);
        // Re-validate on every use, so the test can change the server's answer.
        registry.add("waddleperf.licensing.cache-ttl", () -> "1ms");
        // The test sends the keepalive itself; keep the scheduler out of the way.
        registry.add("waddleperf.licensing.keepalive-interval", () -> "1d");
    }

    @AfterAll
    static void stop() {
        LICENSE_SERVER.close();
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    org.springframework.context.ApplicationContext context;

    HttpTestClient http;
    Org org;

    @BeforeEach
    void org() {
        http = new HttpTestClient(port);
        org = new Fixtures(http).createOrg("Enterprise " + UUID.randomUUID());
    }

    @Test
    void licensedFeaturesAnswer2xx() {
        assertThat(http.get("/api/v1/orgs/" + org.id() + "/api-keys", "Authorization", bearer(org.adminToken()))
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/orgs/" + org.id() + "/audit", "Authorization", bearer(org.adminToken()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void reachingMaxUsersAnswers402NamingTheLimit() {
        long users = context.getBeansOfType(UsageSource.class).values().stream()
                .filter(source -> source.kind() == UsageSource.Kind.USERS)
                .mapToLong(UsageSource::count)
                .sum();
        LICENSE_SERVER.license("enterprise", List.of("api_keys"), (int) users);

        Response invite = http.post(
                "/api/v1/orgs/" + org.id() + "/members",
                "{\"email\":\"" + Fixtures.uniqueEmail("over") + "\",\"role\":\"VIEWER\"}",
                "Authorization",
                bearer(org.adminToken()));

        assertThat(invite.status()).isEqualTo(402);
        assertThat(invite.json().path("limit").asString()).isEqualTo("max_users");
        assertThat(invite.json().path("detail").asString()).contains("max_users");
        LICENSE_SERVER.license(
                "enterprise",
                List.of("autoperf", "tier3", "capture_archive", "geo_heatmap", "sso", "audit_log", "api_keys"),
                100_000);
    }

    @Test
    void reachingMaxServersRefusesEnrolmentNamingTheLimit() {
        Fixtures fixtures = new Fixtures(http);
        fixtures.enrollNode(org, "first");
        long nodes = context.getBeansOfType(UsageSource.class).values().stream()
                .filter(source -> source.kind() == UsageSource.Kind.NODES)
                .mapToLong(UsageSource::count)
                .sum();
        LICENSE_SERVER.license("enterprise", ALL, 100_000, (int) nodes);
        Response token = http.post(
                "/api/v1/orgs/" + org.id() + "/nodes/enrollment-tokens",
                "{}",
                "Authorization",
                bearer(org.adminToken()));

        Response enrolled = http.post(
                "/api/v1/node/enroll",
                Fixtures.enrollBody(token.json().path("token").asString(), "second"));

        assertThat(enrolled.status()).isEqualTo(402);
        assertThat(enrolled.json().path("limit").asString()).isEqualTo("max_servers");
        LICENSE_SERVER.license("enterprise", ALL, 100_000);
    }

    @Test
    void anEnrolmentRetryAtTheLimitGetsItsNodeBack() {
        Response token = http.post(
                "/api/v1/orgs/" + org.id() + "/nodes/enrollment-tokens",
                "{}",
                "Authorization",
                bearer(org.adminToken()));
        String body = Fixtures.enrollBody(token.json().path("token").asString(), "retried");
        Response first = http.post("/api/v1/node/enroll", body, "Idempotency-Key", "lost-answer");
        long nodes = context.getBeansOfType(UsageSource.class).values().stream()
                .filter(source -> source.kind() == UsageSource.Kind.NODES)
                .mapToLong(UsageSource::count)
                .sum();
        LICENSE_SERVER.license("enterprise", ALL, 100_000, (int) nodes);

        Response retry = http.post("/api/v1/node/enroll", body, "Idempotency-Key", "lost-answer");

        LICENSE_SERVER.license("enterprise", ALL, 100_000);
        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.json().path("nodeId").asString())
                .isEqualTo(first.json().path("nodeId").asString());
    }

    @Test
    void tierRetentionIsCappedByTheLicensesDataRetentionDays() {
        Response edited = http.send(
                http.request("/api/v1/orgs/" + org.id() + "/tiers/3", "Authorization", bearer(org.adminToken()))
                        .header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"timeoutSeconds\":300,\"retentionDays\":365,\"thresholds\":{}}"))
                        .build());

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().path("retentionDays").asInt()).isEqualTo(30);
    }

    @Test
    void keepaliveReportsUsage() {
        new Fixtures(http).enrollNode(org, "reported");
        context.getBean(LicenseKeepalive.class).send();

        var requests = LICENSE_SERVER.requests("/api/v2/keepalive");
        assertThat(requests).isNotEmpty();
        JsonNode body = JsonMapper.builder().build().readTree(requests.getLast().getBodyAsString());
        assertThat(body.path("product").asString()).isEqualTo("waddleperf");
        assertThat(body.path("server_id").asString()).isEqualTo("srv_test");
        assertThat(body.path("usage_stats").path("users").asLong()).isGreaterThan(0);
        assertThat(body.path("usage_stats").path("nodes").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(requests.getLast().getHeader("Authorization")).isEqualTo("Bearer " + LicenseServer.KEY);
    }
}
