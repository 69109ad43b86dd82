package io.waddleperf.api.monitors;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.results.ResultJudged;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.SseClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Trends and the live board from the rollups kept as results are stored. Results are announced
 * here as the results module announces them (a {@link ResultJudged} inside the storing
 * transaction), so the figures are known exactly; EscalationIT covers the same path from a real
 * node's rounds.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorTrendsIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    HttpTestClient http;
    Fixtures fixtures;
    Org org;
    String admin;
    String viewer;
    UUID nodeId;
    String monitorId;

    @BeforeAll
    void monitor() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Trends " + UUID.randomUUID());
        admin = bearer(org.adminToken());
        viewer = bearer(fixtures.invite(org, "VIEWER").token());
        nodeId = fixtures.enrollNode(org, "trend-node").id();
        // Paused: the node is not really there, and only the results announced here may count.
        Response created = http.post(
                "/api/v1/orgs/" + org.id() + "/monitors",
                "{\"name\":\"Trend\",\"target\":\"192.0.2.10:443\",\"probes\":[\"tcp_connect\",\"udp_echo\"],"
                        + "\"vantage\":[{\"nodeId\":\"" + nodeId + "\"}],\"enabled\":false}",
                "Authorization",
                admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        monitorId = created.json().path("id").asString();
    }

    @Test
    void seriesAnswersExactPercentilesPerStepFromTheBuckets() {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        // Twelve rounds ten minutes apart over two hours: 1..11 ms measured, the 12th failed.
        for (int i = 0; i < 12; i++) {
            Instant at = hour.plus(Duration.ofMinutes(10L * i + 1));
            judge("tcp_connect", 1, at, i < 11 ? Map.of("latency_ms", i + 1.0) : Map.of(), i < 11);
        }
        // Loss where the probe measures it: 0 % and 10 % in the first hour.
        judge("udp_echo", 1, hour.plusSeconds(60), Map.of("latency_ms", 2.0, "loss_percent", 0.0), true);
        judge("udp_echo", 1, hour.plusSeconds(120), Map.of("latency_ms", 4.0, "loss_percent", 10.0), true);
        // Escalated tiers are the board's, not the trend's.
        judge("tcp_connect", 2, hour.plusSeconds(30), Map.of("latency_ms", 999.0), true);

        JsonNode hourly = series("tcp_connect.latency_ms", hour, hour.plus(Duration.ofHours(2)), 3600);
        assertThat(hourly.path("unit").asString()).isEqualTo("ms");
        assertThat(hourly.path("series")).hasSize(1);
        JsonNode node = hourly.path("series").get(0);
        assertThat(node.path("nodeId").asString()).isEqualTo(nodeId.toString());
        JsonNode points = node.path("points");
        assertThat(points).hasSize(2);
        // First hour: 1..6 (nearest rank p50 = 3, p95 = 6); second: 7..11 and a failure.
        assertPoint(points.get(0), hour, 6, 0, 3.0, 6.0, 6.0);
        assertPoint(points.get(1), hour.plus(Duration.ofHours(1)), 6, 1, 9.0, 11.0, 11.0);
        assertThat(points.get(0).path("lossPercent").isNull()).isTrue();

        // Five-minute steps read the fine buckets: one round each.
        JsonNode fine = series("tcp_connect.latency_ms", hour, hour.plus(Duration.ofHours(1)), 300);
        assertThat(fine.path("series").get(0).path("points")).hasSize(6);
        assertPoint(
                fine.path("series").get(0).path("points").get(1),
                hour.plus(Duration.ofMinutes(10)),
                1,
                0,
                2.0,
                2.0,
                2.0);

        JsonNode loss = series("udp_echo.loss_percent", hour, hour.plus(Duration.ofHours(1)), 3600);
        JsonNode lossPoint = loss.path("series").get(0).path("points").get(0);
        assertThat(lossPoint.path("count").asInt()).isEqualTo(2);
        assertThat(lossPoint.path("lossPercent").asDouble()).isEqualTo(5.0);
        assertThat(lossPoint.path("max").asDouble()).isEqualTo(10.0);
    }

    @Test
    void seriesRefusesBadParametersFieldByFieldAndHidesOtherOrganisationsMonitors() {
        String base = "/api/v1/orgs/" + org.id() + "/monitors/" + monitorId + "/series";
        Response byDefault = http.get(base, "Authorization", viewer);
        assertThat(byDefault.status()).as(byDefault.body()).isEqualTo(200);
        assertThat(byDefault.json().path("metric").asString()).isEqualTo("tcp_connect.latency_ms");
        assertFieldError(http.get(base + "?metric=dns.dns_ms", "Authorization", viewer), "metric");
        assertFieldError(http.get(base + "?metric=tcp_connect.nope", "Authorization", viewer), "metric");
        assertFieldError(http.get(base + "?metric=tcp_connect.latency_ms&step=100", "Authorization", viewer), "step");
        assertFieldError(http.get(base + "?metric=tcp_connect.latency_ms&step=5400", "Authorization", viewer), "step");
        assertFieldError(
                http.get(
                        base + "?metric=tcp_connect.latency_ms&from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z",
                        "Authorization",
                        viewer),
                "from");
        assertFieldError(
                http.get(
                        base + "?metric=tcp_connect.latency_ms&from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z"
                                + "&step=300",
                        "Authorization",
                        viewer),
                "step");

        Org other = fixtures.createOrg("Other trends " + UUID.randomUUID());
        Response foreign = http.get(
                "/api/v1/orgs/" + other.id() + "/monitors/" + monitorId + "/series?metric=tcp_connect.latency_ms",
                "Authorization",
                bearer(other.adminToken()));
        assertThat(foreign.status()).isEqualTo(404);
        Response foreignBoard =
                http.get("/api/v1/orgs/" + other.id() + "/monitors/board", "Authorization", bearer(other.adminToken()));
        assertThat(foreignBoard.status()).isEqualTo(200);
        assertThat(foreignBoard.json().path("rows")).isEmpty();
    }

    @Test
    void theBoardShowsTheLatestResultAndFiguresOverTheWindowAndStreamsChangesResumably() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
        double[] values = {5, 1, 9, 3, 7, 2, 8};
        for (int i = 0; i < values.length; i++) {
            judge("udp_echo", 1, start.plusSeconds(60L * i), Map.of("latency_ms", values[i]), true);
        }
        judge("udp_echo", 1, start.plusSeconds(60L * values.length), Map.of(), false);

        Response snapshot = http.get("/api/v1/orgs/" + org.id() + "/monitors/board?window=5", "Authorization", viewer);
        assertThat(snapshot.status()).as(snapshot.body()).isEqualTo(200);
        JsonNode row = row(snapshot.json().path("rows"), "udp_echo", 1);
        assertThat(row.path("monitorName").asString()).isEqualTo("Trend");
        assertThat(row.path("nodeName").asString()).isEqualTo("trend-node");
        assertThat(row.path("region").asString()).isEqualTo("eu-west");
        assertThat(row.path("labels").get(0).asString()).isEqualTo("edge");
        assertThat(row.path("metric").asString()).isEqualTo("latency_ms");
        assertThat(row.path("latest").path("status").asString()).isEqualTo("failed");
        assertThat(row.path("latest").path("value").isNull()).isTrue();
        // The last five rounds: 3, 7, 2, 8 and the failure.
        JsonNode stats = row.path("stats");
        assertThat(stats.path("rounds").asInt()).isEqualTo(5);
        assertThat(stats.path("failed").asInt()).isEqualTo(1);
        assertThat(stats.path("min").asDouble()).isEqualTo(2.0);
        assertThat(stats.path("max").asDouble()).isEqualTo(8.0);
        assertThat(stats.path("avg").asDouble()).isEqualTo(5.0);
        assertThat(stats.path("p90").asDouble()).isEqualTo(8.0);
        long version = row.path("version").asLong();
        assertThat(http.get("/api/v1/orgs/" + org.id() + "/monitors/board?window=51", "Authorization", viewer)
                        .status())
                .isEqualTo(400);

        String cursor = snapshot.json().path("cursor").asString();
        long lastId;
        try (SseClient.Live live = board(cursor)) {
            assertThat(live.status()).isEqualTo(200);
            judge("udp_echo", 1, Instant.now(), Map.of("latency_ms", 4.0), true);
            SseClient.Event event = nextRow(live, "udp_echo", version + 1);
            assertThat(event.data().path("latest").path("value").asDouble()).isEqualTo(4.0);
            lastId = event.id();
        }
        // Missed while disconnected: two more results. Resuming sends the row as it is now.
        judge("udp_echo", 1, Instant.now(), Map.of("latency_ms", 6.0), true);
        judge("udp_echo", 1, Instant.now(), Map.of("latency_ms", 10.0), true);
        try (SseClient.Live live = board(Long.toString(lastId))) {
            SseClient.Event event = nextRow(live, "udp_echo", version + 3);
            assertThat(event.data().path("latest").path("value").asDouble()).isEqualTo(10.0);
            assertThat(event.data().path("stats").path("max").asDouble()).isEqualTo(10.0);
        }
        Response badCursor =
                http.send(http.request("/api/v1/orgs/" + org.id() + "/monitors/board/events", "Authorization", viewer)
                        .header("Last-Event-ID", "not-a-cursor")
                        .GET()
                        .build());
        assertThat(badCursor.status()).isEqualTo(400);
    }

    private void judge(String probe, int tier, Instant at, Map<String, Double> figures, boolean succeeded) {
        transactions.executeWithoutResult(status -> events.publishEvent(new ResultJudged(
                org.id(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                tier,
                nodeId,
                "trend-node",
                probe,
                "192.0.2.10:443",
                UUID.fromString(monitorId),
                succeeded ? "succeeded" : "failed",
                succeeded ? "ok" : "breach",
                at,
                figures,
                List.of())));
    }

    private JsonNode series(String metric, Instant from, Instant to, int step) {
        Response answer = http.get(
                "/api/v1/orgs/" + org.id() + "/monitors/" + monitorId + "/series?metric=" + metric + "&from=" + from
                        + "&to=" + to + "&step=" + step,
                "Authorization",
                viewer);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static void assertPoint(
            JsonNode point, Instant at, int count, int failed, double p50, double p95, double max) {
        assertThat(Instant.parse(point.path("at").asString())).isEqualTo(at);
        assertThat(point.path("count").asInt()).isEqualTo(count);
        assertThat(point.path("failed").asInt()).isEqualTo(failed);
        assertThat(point.path("p50").asDouble()).isEqualTo(p50);
        assertThat(point.path("p95").asDouble()).isEqualTo(p95);
        assertThat(point.path("max").asDouble()).isEqualTo(max);
    }

    private static void assertFieldError(Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("errors").findValuesAsString("field")).contains(field);
    }

    private JsonNode row(JsonNode rows, String probe, int tier) {
        List<JsonNode> found = new ArrayList<>();
        rows.forEach(r -> {
            if (r.path("monitorId").asString().equals(monitorId)
                    && r.path("probe").asString().equals(probe)
                    && r.path("tier").asInt() == tier) {
                found.add(r);
            }
        });
        assertThat(found).as("%s", rows).hasSize(1);
        return found.getFirst();
    }

    private SseClient.Live board(String lastEventId) {
        return SseClient.open(
                http.request("/api/v1/orgs/" + org.id() + "/monitors/board/events", "Authorization", viewer)
                        .header("Last-Event-ID", lastEventId));
    }

    /** The first row event for the probe at {@code version}; earlier versions may come first. */
    private SseClient.Event nextRow(SseClient.Live live, String probe, long version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            SseClient.Event event = live.next(Duration.ofSeconds(1));
            if (event != null
                    && event.name().equals("row")
                    && event.data().path("probe").asString().equals(probe)
                    && event.data().path("tier").asInt() == 1
                    && event.data().path("version").asLong() == version) {
                return event;
            }
        }
        throw new AssertionError("no row event of " + probe + " at version " + version + " within 20 s");
    }
}
