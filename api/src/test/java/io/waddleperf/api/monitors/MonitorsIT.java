package io.waddleperf.api.monitors;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Monitor CRUD over HTTP: defaults, every bad input as a field error, pausing, another org's 404. */
@ApiIntegrationTest
class MonitorsIT {

    @Value("${local.server.port}")
    int port;

    HttpTestClient http;
    Fixtures fixtures;
    Org org;
    String admin;
    String base;

    @BeforeEach
    void setUp() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Monitors " + UUID.randomUUID());
        admin = bearer(org.adminToken());
        base = "/api/v1/orgs/" + org.id() + "/monitors";
    }

    @Test
    void aMonitorGetsTierOneEveryFiveMinutesWithJitterUnlessToldOtherwise() {
        var node = fixtures.enrollNode(org, "vantage-1");
        Instant before = Instant.now();

        Response created = http.post(
                base,
                "{\"name\":\"Edge\",\"target\":\"example.com\",\"vantage\":[{\"nodeId\":\"" + node.id()
                        + "\"},{\"label\":\"edge\"}]}",
                "Authorization",
                admin);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode monitor = created.json();
        assertThat(created.header("Location"))
                .endsWith("/monitors/" + monitor.path("id").asString());
        assertThat(monitor.path("probes").toString()).isEqualTo("[\"tcp_connect\",\"dns\",\"http\",\"udp_echo\"]");
        assertThat(monitor.path("schedule").path("intervalSeconds").asInt()).isEqualTo(300);
        assertThat(monitor.path("schedule").path("timeZone").asString()).isEqualTo("UTC");
        assertThat(monitor.path("enabled").asBoolean()).isTrue();
        assertThat(monitor.path("vantage").size()).isEqualTo(2);
        // The first slot: within the jitter of creation (at most 15 % of 300 s), or one interval on.
        Instant next = Instant.parse(monitor.path("nextDueAt").asString());
        assertThat(next).isBetween(before.minusSeconds(1), before.plusSeconds(301));

        JsonNode listed = http.get(base, "Authorization", admin).json();
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.path(0).path("name").asString()).isEqualTo("Edge");
    }

    @Test
    void pausingHidesTheNextSlotAndResumingCountsFromNow() {
        String id = create("{\"name\":\"P\",\"target\":\"example.com:8443\",\"probes\":[\"udp_echo\",\"tcp_connect\"],"
                + "\"vantage\":[{\"region\":\"eu\"}],\"schedule\":{\"intervalSeconds\":60}}");

        JsonNode paused = put(
                id,
                "{\"name\":\"P\",\"target\":\"example.com:8443\",\"vantage\":[{\"region\":\"eu\"}],"
                        + "\"schedule\":{\"intervalSeconds\":60},\"enabled\":false}");
        assertThat(paused.path("enabled").asBoolean()).isFalse();
        assertThat(paused.path("nextDueAt").isNull()).isTrue();

        Instant resumedAt = Instant.now();
        JsonNode resumed = put(
                id,
                "{\"name\":\"P2\",\"target\":\"example.com:8443\",\"vantage\":[{\"region\":\"eu\"}],"
                        + "\"schedule\":{\"cron\":\"0 9 * * MON-FRI\",\"timeZone\":\"Europe/Berlin\"}}");
        assertThat(resumed.path("name").asString()).isEqualTo("P2");
        assertThat(resumed.path("schedule").path("cron").asString()).isEqualTo("0 9 * * MON-FRI");
        assertThat(Instant.parse(resumed.path("nextDueAt").asString())).isAfter(resumedAt);
        // Probes left out: all of tier 1 again.
        assertThat(resumed.path("probes").size()).isEqualTo(4);

        assertThat(http.get(base + "/" + id, "Authorization", admin)
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("P2");
        assertThat(http.send(http.request(base + "/" + id, "Authorization", admin)
                                .DELETE()
                                .build())
                        .status())
                .isEqualTo(204);
        assertThat(http.get(base + "/" + id, "Authorization", admin).status()).isEqualTo(404);
    }

    @Test
    void everyBadInputIsAFieldError() {
        String unknownNode = UUID.randomUUID().toString();
        Response bad = http.post(
                base,
                "{\"name\":\"Bad\",\"target\":\"not a host!\",\"probes\":[\"throughput\",\"dns\",\"dns\"],"
                        + "\"vantage\":[{\"nodeId\":\"" + unknownNode + "\"},{\"region\":\"eu\",\"label\":\"x\"}],"
                        + "\"schedule\":{\"intervalSeconds\":10,\"timeZone\":\"Mars/Olympus\"},"
                        + "\"activeWindow\":{\"days\":[\"FUNDAY\"],\"from\":\"25:00\",\"to\":\"17:00\","
                        + "\"timeZone\":\"Europe/Berlin\"},\"udpEchoPort\":70000}",
                "Authorization",
                admin);

        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(bad))
                .containsExactlyInAnyOrder(
                        "target",
                        "probes[0]",
                        "probes[2]",
                        "vantage[0].nodeId",
                        "vantage[1]",
                        "schedule.timeZone",
                        "schedule.intervalSeconds",
                        "activeWindow.days[0]",
                        "activeWindow.from",
                        "udpEchoPort");

        assertThat(fields(post("{\"name\":\"N\",\"target\":\"example.com\",\"vantage\":[]}")))
                .containsExactly("vantage");
        assertThat(fields(post("{\"name\":\"N\",\"target\":\"example.com\",\"vantage\":[{\"region\":\"eu\"}],"
                        + "\"schedule\":{\"cron\":\"every day at nine\"}}")))
                .containsExactly("schedule.cron");
        assertThat(fields(post("{\"name\":\"N\",\"target\":\"example.com\",\"vantage\":[{\"region\":\"eu\"}],"
                        + "\"schedule\":{\"cron\":\"*/10 * * * * *\"}}")))
                .containsExactly("schedule.cron");
        assertThat(fields(post("{\"name\":\"N\",\"target\":\"example.com\",\"vantage\":[{\"region\":\"eu\"}],"
                        + "\"schedule\":{\"intervalSeconds\":90000}}")))
                .containsExactly("schedule.intervalSeconds");
        assertThat(fields(post("{\"name\":\"N\",\"target\":\"example.com\",\"vantage\":[{\"region\":\"eu\"}],"
                        + "\"schedule\":{\"intervalSeconds\":60,\"cron\":\"0 9 * * *\"}}")))
                .containsExactly("schedule");
        assertThat(fields(post("{\"name\":\"N\",\"vantage\":[{\"region\":\"eu\"}]}")))
                .containsExactly("target");
        Response noName = post("{\"target\":\"example.com\",\"vantage\":[{\"region\":\"eu\"}]}");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(fields(noName)).containsExactly("name");
        assertThat(http.get(base, "Authorization", admin).json().size()).isZero();
    }

    @Test
    void anotherOrganisationsMonitorIsNotFound() {
        String id = create("{\"name\":\"Mine\",\"target\":\"example.com\",\"vantage\":[{\"region\":\"eu\"}]}");
        Org other = fixtures.createOrg("Monitors other " + UUID.randomUUID());
        String stranger = bearer(other.adminToken());
        String theirs = "/api/v1/orgs/" + other.id() + "/monitors/" + id;

        assertThat(http.get(theirs, "Authorization", stranger).status()).isEqualTo(404);
        Response replaced = http.send(http.request(theirs, "Authorization", stranger)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Stolen\",\"target\":\"example.com\",\"vantage\":[{\"region\":\"eu\"}]}"))
                .build());
        assertThat(replaced.status()).isEqualTo(404);
        assertThat(http.send(http.request(theirs, "Authorization", stranger)
                                .DELETE()
                                .build())
                        .status())
                .isEqualTo(404);
        // And through the monitor's own org path, the stranger's token is refused as not a member.
        assertThat(http.get(base + "/" + id, "Authorization", stranger).status())
                .isEqualTo(404);
        assertThat(http.get(base + "/" + id, "Authorization", admin)
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("Mine");
        assertThat(http.get("/api/v1/orgs/" + other.id() + "/monitors", "Authorization", stranger)
                        .json()
                        .size())
                .isZero();
    }

    private String create(String body) {
        Response created = post(body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private Response post(String body) {
        return http.post(base, body, "Authorization", admin);
    }

    private JsonNode put(String id, String body) {
        Response response = http.send(http.request(base + "/" + id, "Authorization", admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10))
                .build());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> fields(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        for (JsonNode error : response.json().path("errors")) {
            fields.add(error.path("field").asString());
        }
        return fields;
    }
}
