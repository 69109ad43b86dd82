package io.waddleperf.api.runs.internal;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** Run events past their retention go; younger ones, and the runs themselves, stay. */
@ApiIntegrationTest
class RunEventRetentionIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    RunEventRetention retention;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eventsOlderThanTheRetentionAreDeletedAndYoungerOnesStay() {
        HttpTestClient http = new HttpTestClient(port);
        Org org = new Fixtures(http).createOrg("Event retention " + UUID.randomUUID());
        String admin = bearer(org.adminToken());
        // Without nodes both runs fail at once, each leaving its tree's events behind.
        Fixtures fixtures = new Fixtures(http);
        String old = fixtures.startTierRun(org, admin, 1, "example.com");
        String young = fixtures.startTierRun(org, admin, 1, "example.com");
        fixtures.awaitRunEnd(org, admin, old, Duration.ofSeconds(60));
        fixtures.awaitRunEnd(org, admin, young, Duration.ofSeconds(60));
        long youngEvents = events(young);
        assertThat(events(old)).isPositive();
        assertThat(youngEvents).isPositive();
        jdbc.update("UPDATE run_events SET created_at = created_at - INTERVAL 8 DAY WHERE root_run_id = ?", old);

        long deleted = retention.purge(Instant.now());

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(events(old)).isZero();
        assertThat(events(young)).isEqualTo(youngEvents);
        Response run = http.get("/api/v1/orgs/" + org.id() + "/runs/" + old, "Authorization", admin);
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.json().path("status").asString()).isEqualTo("failed");
    }

    private long events(String rootRunId) {
        Long count =
                jdbc.queryForObject("SELECT COUNT(*) FROM run_events WHERE root_run_id = ?", Long.class, rootRunId);
        return count == null ? 0 : count;
    }
}
