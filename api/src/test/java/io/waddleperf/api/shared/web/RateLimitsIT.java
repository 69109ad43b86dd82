package io.waddleperf.api.shared.web;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/** Each per-organisation budget, set to two a minute: two calls pass, the third gets 429. */
@ApiIntegrationTest
@TestPropertySource(
        properties = {
            "waddleperf.rate-limits.run-starts-per-minute=2",
            "waddleperf.rate-limits.results-per-minute=2",
            "waddleperf.rate-limits.exports-per-minute=2"
        })
class RateLimitsIT {

    @Value("${local.server.port}")
    int port;

    HttpTestClient http;
    Fixtures fixtures;

    @BeforeEach
    void client() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
    }

    @Test
    void runStartsPastTheBudgetGet429() {
        assertLimited(
                (org, i) -> http.post(
                        "/api/v1/orgs/" + org.id() + "/runs",
                        "{\"tier\":1,\"target\":\"192.0.2.1\"}",
                        "Authorization",
                        bearer(org.adminToken())),
                202,
                "runs started");
    }

    @Test
    void resultsPastTheBudgetGet429() {
        String finishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String body = "{\"type\":\"udp_echo\",\"target\":\"192.0.2.7:2000\",\"tier\":1,\"status\":\"succeeded\","
                + "\"finishedAt\":\"" + finishedAt + "\",\"summary\":{\"lossPercent\":0.0,\"jitterMillis\":1.2,"
                + "\"rtt\":{\"samples\":10,\"avg\":10.5,\"p50\":10.1,\"p95\":14.2,\"p99\":15.0}}}";
        assertLimited(
                (org, i) -> http.post(
                        "/api/v1/orgs/" + org.id() + "/results",
                        body,
                        "Authorization",
                        bearer(org.adminToken()),
                        "Idempotency-Key",
                        "limit-" + i),
                201,
                "results stored");
    }

    @Test
    void exportsPastTheBudgetGet429() {
        assertLimited(
                (org, i) -> http.get(
                        "/api/v1/orgs/" + org.id() + "/results/export?format=json",
                        "Authorization",
                        bearer(org.adminToken())),
                200,
                "exports");
    }

    private void assertLimited(BiFunction<Org, Integer, Response> call, int allowedStatus, String budget) {
        Org busy = fixtures.createOrg("Busy " + UUID.randomUUID());
        Org other = fixtures.createOrg("Other " + UUID.randomUUID());

        for (int i = 0; i < 2; i++) {
            Response within = call.apply(busy, i);
            assertThat(within.status()).as(within.body()).isEqualTo(allowedStatus);
        }
        Response refused = call.apply(busy, 2);
        Response otherOrg = call.apply(other, 0);

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asString()).endsWith("/rate-limited");
        assertThat(refused.json().path("detail").asString())
                .contains("2 " + budget + " per minute")
                .contains("N × 2");
        assertThat(refused.json().path("retryAfterSeconds").asLong())
                .isEqualTo(Long.parseLong(refused.header("Retry-After")));
        // The budget is the organisation's own: another one is not held back by it.
        assertThat(otherOrg.status()).as(otherOrg.body()).isEqualTo(allowedStatus);
    }
}
