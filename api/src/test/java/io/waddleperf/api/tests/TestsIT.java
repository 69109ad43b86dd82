package io.waddleperf.api.tests;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

@ApiIntegrationTest
class TestsIT {

    static final String UDP_TEST = "{\"name\":\"Edge echo\",\"type\":\"udp_echo\",\"target\":\"192.0.2.7:2000\","
            + "\"params\":{\"count\":50,\"packetSize\":64},\"nodeSelector\":{\"region\":\"eu-west\"},\"tier\":1}";

    @Value("${local.server.port}")
    int port;

    HttpTestClient http;
    Org org;
    String auth;

    @BeforeEach
    void org() {
        http = new HttpTestClient(port);
        org = new Fixtures(http).createOrg("Tests " + UUID.randomUUID());
        auth = bearer(org.adminToken());
    }

    @Test
    void createsReadsReplacesAndDeletesATest() {
        Response created = http.post("/api/v1/orgs/" + org.id() + "/tests", UDP_TEST, "Authorization", auth);
        String id = created.json().path("id").asString();

        Response replaced =
                send("PUT", "/api/v1/orgs/" + org.id() + "/tests/" + id, UDP_TEST.replace("Edge echo", "Core echo"));
        JsonNode listed = http.get("/api/v1/orgs/" + org.id() + "/tests", "Authorization", auth)
                .json();
        Response deleted = send("DELETE", "/api/v1/orgs/" + org.id() + "/tests/" + id, "");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/tests/" + id);
        assertThat(created.json().path("type").asString()).isEqualTo("udp_echo");
        assertThat(created.json().path("params").path("count").asInt()).isEqualTo(50);
        assertThat(created.json().path("nodeSelector").path("region").asString())
                .isEqualTo("eu-west");
        assertThat(replaced.json().path("name").asString()).isEqualTo("Core echo");
        assertThat(listed).hasSize(1);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(http.get("/api/v1/orgs/" + org.id() + "/tests/" + id, "Authorization", auth)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void invalidTestListsEveryFieldAndStoresNothing() {
        Response response = http.post(
                "/api/v1/orgs/" + org.id() + "/tests",
                "{\"name\":\"x\",\"type\":\"throughput\",\"target\":\"no port here!\","
                        + "\"params\":{\"durationSeconds\":900,\"streams\":0,\"turbo\":true},"
                        + "\"nodeSelector\":{\"region\":\"eu\",\"label\":\"edge\"},\"tier\":4}",
                "Authorization",
                auth);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder(
                        "target", "params.durationSeconds", "params.streams", "params.turbo", "nodeSelector", "tier");
        assertThat(http.get("/api/v1/orgs/" + org.id() + "/tests", "Authorization", auth)
                        .json())
                .isEmpty();
    }

    @Test
    void anotherOrganisationsTestIsNotFoundThroughOwnPath() {
        Org other = new Fixtures(http).createOrg("Other tests " + UUID.randomUUID());
        String theirs = http.post(
                        "/api/v1/orgs/" + other.id() + "/tests", UDP_TEST, "Authorization", bearer(other.adminToken()))
                .json()
                .path("id")
                .asString();

        assertThat(http.get("/api/v1/orgs/" + org.id() + "/tests/" + theirs, "Authorization", auth)
                        .status())
                .isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/orgs/" + org.id() + "/tests/" + theirs, "")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void tiersStartWithTheSpecDefaultsAndCanBeEdited() {
        JsonNode defaults = http.get("/api/v1/orgs/" + org.id() + "/tiers", "Authorization", auth)
                .json();

        Response edited = send(
                "PUT",
                "/api/v1/orgs/" + org.id() + "/tiers/1",
                "{\"timeoutSeconds\":20,\"retentionDays\":14,\"thresholds\":{\"latencyMs\":80,\"lossPercent\":2}}");

        assertThat(defaults).hasSize(3);
        assertThat(defaults.get(0).path("thresholds").path("latencyMs").asDouble())
                .isEqualTo(100.0);
        assertThat(defaults.get(0).path("timeoutSeconds").asInt()).isEqualTo(30);
        assertThat(defaults.get(1).path("thresholds").path("throughputMbps").asDouble())
                .isEqualTo(10.0);
        assertThat(defaults.get(2).path("retentionDays").asInt()).isEqualTo(90);
        assertThat(edited.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/orgs/" + org.id() + "/tiers", "Authorization", auth)
                        .json()
                        .get(0)
                        .path("thresholds")
                        .path("latencyMs")
                        .asDouble())
                .isEqualTo(80.0);
        assertThat(send(
                                "PUT",
                                "/api/v1/orgs/" + org.id() + "/tiers/4",
                                "{\"timeoutSeconds\":20,\"retentionDays\":1," + "\"thresholds\":{}}")
                        .status())
                .isEqualTo(400);
    }

    private Response send(String method, String path, String body) {
        HttpRequest.Builder request = http.request(path, "Authorization", auth);
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
