package io.waddleperf.api.monitors.internal;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.results.ResultJudged;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.TestNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Escalation with a real node: thresholds no loopback test can meet make a monitor's tier-1
 * round breach, which starts tier 2 on the same node, whose breach starts tier 3; each escalated
 * run names its cause, and the cooldown keeps the next breach from escalating again.
 */
@ApiIntegrationTest
class EscalationIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Escalator escalator;

    @Test
    void aBreachingRoundEscalatesToTierTwoThenTierThreeOnceAPerCooldown() throws Exception {
        HttpTestClient http = new HttpTestClient(port);
        Fixtures fixtures = new Fixtures(http);
        Org org = fixtures.createOrg("Escalation " + UUID.randomUUID());
        String admin = bearer(org.adminToken());
        // Tier 1 breaches on any latency at all; tier 2 on any throughput below 1 Tbit/s.
        tier(http, org, admin, 1, "{\"latencyMs\":0}");
        tier(http, org, admin, 2, "{\"throughputMbps\":1000000}");
        String name = "escalation-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestNode node = TestNode.start(
                name, port, fixtures.enrollmentToken(org), Files.createTempDirectory("wp-escalation-node"))) {
            String nodeId = fixtures.awaitOnlineNode(org, name).path("id").asString();
            Response created = http.post(
                    "/api/v1/orgs/" + org.id() + "/monitors",
                    "{\"name\":\"Escalating\",\"target\":\"127.0.0.1:" + node.httpPort() + "\","
                            + "\"probes\":[\"tcp_connect\"],\"udpEchoPort\":" + node.echoPort() + ",\"iperfPort\":"
                            + node.iperfPort() + ",\"vantage\":[{\"nodeId\":\"" + nodeId + "\"}],"
                            + "\"schedule\":{\"intervalSeconds\":3600}}",
                    "Authorization",
                    admin);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json()
                            .path("escalation")
                            .path("tier2CooldownSeconds")
                            .asInt())
                    .isEqualTo(900);
            String monitor = created.json().path("id").asString();
            dueNow(monitor);

            // The chain: tier 1 (the round), tier 2 (its breach), tier 3 (tier 2's breach).
            Map<String, Object> tier3 = await().atMost(Duration.ofSeconds(120))
                    .until(() -> tierRuns(monitor, 3), runs -> runs.size() == 1)
                    .getFirst();
            Map<String, Object> tier2 = tierRuns(monitor, 2).getFirst();
            Map<String, Object> tier1 = tierRuns(monitor, 1).getFirst();

            JsonNode second = run(http, org, admin, tier2.get("id"));
            assertThat(second.path("monitorId").asString()).isEqualTo(monitor);
            JsonNode cause = second.path("escalation");
            assertThat(cause.path("fromRunId").asString())
                    .isEqualTo(tier1.get("id").toString());
            assertThat(cause.path("fromTier").asInt()).isEqualTo(1);
            assertThat(cause.path("probe").asString()).isEqualTo("tcp_connect");
            assertThat(cause.path("metric").asString()).isEqualTo("latencyMs");
            assertThat(cause.path("threshold").asDouble()).isZero();
            assertThat(cause.path("value").asDouble()).isPositive();
            // The same node and target, tier 2's probes.
            assertThat(second.path("children").findValuesAsString("type"))
                    .containsExactlyInAnyOrder("udp_echo", "throughput", "http");
            assertThat(jdbc.queryForList(
                            "SELECT DISTINCT node_id FROM runs WHERE parent_run_id IN (?, ?) AND node_id IS NOT NULL",
                            String.class,
                            tier1.get("id").toString(),
                            tier2.get("id").toString()))
                    .containsExactly(nodeId);

            JsonNode third = run(http, org, admin, tier3.get("id"));
            assertThat(third.path("escalation").path("fromTier").asInt()).isEqualTo(2);
            assertThat(third.path("escalation").path("fromRunId").asString())
                    .isEqualTo(tier2.get("id").toString());
            // Tier 2's first breaching result: its throughput (below 1 Tbit/s), or a probe that
            // failed outright (the http probe against the node's control port).
            assertThat(third.path("escalation").path("metric").asString()).isIn("throughputMbps", "status");

            // The monitor's trend has the round, and the chain on its timeline; the board a row per
            // tier that has stored a result.
            // An escalation's mark names the node of its first dispatched probe run, so it has
            // none until tier 3's runs are dispatched, which on Galera came after the awaited row.
            Response trend = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> http.get(
                                    "/api/v1/orgs/" + org.id() + "/monitors/" + monitor
                                            + "/series?metric=tcp_connect.latency_ms",
                                    "Authorization",
                                    admin),
                            answer -> answer.status() != 200
                                    || answer.json().path("escalations").findValues("nodeId").stream()
                                            .allMatch(JsonNode::isString));
            assertThat(trend.status()).as(trend.body()).isEqualTo(200);
            JsonNode point = trend.json().path("series").get(0).path("points").get(0);
            assertThat(point.path("count").asInt()).isEqualTo(1);
            assertThat(point.path("p50").asDouble()).isPositive();
            assertThat(trend.json().path("escalations").findValuesAsString("runId"))
                    .containsExactly(tier2.get("id").toString(), tier3.get("id").toString());
            assertThat(trend.json().path("escalations").findValuesAsString("nodeId"))
                    .containsOnly(nodeId);
            JsonNode rows = http.get("/api/v1/orgs/" + org.id() + "/monitors/board", "Authorization", admin)
                    .json()
                    .path("rows");
            assertThat(rows.findValues("tier").stream().map(JsonNode::asInt).distinct())
                    .contains(1, 2);
            rows.forEach(row -> {
                if (row.path("tier").asInt() == 1) {
                    assertThat(row.path("probe").asString()).isEqualTo("tcp_connect");
                    assertThat(row.path("latest").path("verdict").asString()).isEqualTo("breach");
                }
            });

            // Within the cooldown the same breach escalates no more (asked directly, so the answer
            // is known when the call returns).
            escalator.escalate(new ResultJudged(
                    org.id(),
                    UUID.fromString(tier1.get("id").toString()),
                    null,
                    1,
                    UUID.fromString(nodeId),
                    "node",
                    "tcp_connect",
                    "127.0.0.1:" + node.httpPort(),
                    UUID.fromString(monitor),
                    "succeeded",
                    "breach",
                    Instant.now(),
                    Map.of("latency_ms", 0.5),
                    List.of(new ResultJudged.Breach("latencyMs", 0.0, 0.5))));
            assertThat(tierRuns(monitor, 2)).hasSize(1);
            assertThat(tierRuns(monitor, 3)).hasSize(1);
        }
    }

    private void tier(HttpTestClient http, Org org, String admin, int tier, String thresholds) {
        Response saved = http.send(http.request("/api/v1/orgs/" + org.id() + "/tiers/" + tier, "Authorization", admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"timeoutSeconds\":120,\"retentionDays\":7,\"thresholds\":" + thresholds + "}"))
                .build());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private void dueNow(String monitor) {
        jdbc.update(
                "UPDATE monitors SET next_due_at = ? WHERE id = ?",
                LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC),
                monitor);
    }

    private List<Map<String, Object>> tierRuns(String monitor, int tier) {
        return jdbc.queryForList(
                "SELECT id, status FROM runs WHERE monitor_id = ? AND parent_run_id IS NULL AND tier = ?"
                        + " ORDER BY created_at",
                monitor,
                tier);
    }

    private static JsonNode run(HttpTestClient http, Org org, String admin, Object runId) {
        return http.get("/api/v1/orgs/" + org.id() + "/runs/" + runId, "Authorization", admin)
                .json();
    }
}
