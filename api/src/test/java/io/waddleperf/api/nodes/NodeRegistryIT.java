package io.waddleperf.api.nodes;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.EnrolledNode;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

@ApiIntegrationTest
class NodeRegistryIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    NodeRegistry registry;

    HttpTestClient http;
    Fixtures fixtures;
    Org org;

    @BeforeEach
    void org() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Nodes " + UUID.randomUUID());
    }

    @Test
    void enrolledNodeHeartbeatsAndShowsOnline() {
        EnrolledNode node = fixtures.enrollNode(org, "edge-1");

        Response beat = heartbeat(node.credential(), Fixtures.nodeReport("us-east"));
        JsonNode listed = nodes().get(0);

        assertThat(beat.status()).isEqualTo(200);
        assertThat(beat.json().path("heartbeatIntervalSeconds").asInt()).isEqualTo(5);
        assertThat(listed.path("id").asString()).isEqualTo(node.id().toString());
        assertThat(listed.path("status").asString()).isEqualTo("ONLINE");
        assertThat(listed.path("region").asString()).isEqualTo("us-east");
        assertThat(listed.path("capabilities").valueStream().map(JsonNode::asString))
                .containsExactly("tcp_connect", "udp_echo");
    }

    @Test
    void silentNodeGoesOfflineAfterFifteenSecondsAndComesBackWithAHeartbeat() {
        EnrolledNode node = fixtures.enrollNode(org, "edge-2");
        Instant lastHeartbeat =
                Instant.parse(nodes().get(0).path("lastHeartbeatAt").asString());

        registry.markSilentNodesOffline(lastHeartbeat.plusSeconds(14));
        assertThat(nodes().get(0).path("status").asString()).isEqualTo("ONLINE");

        registry.markSilentNodesOffline(lastHeartbeat.plusSeconds(16));
        assertThat(nodes().get(0).path("status").asString()).isEqualTo("OFFLINE");

        heartbeat(node.credential(), Fixtures.nodeReport("eu-west"));
        assertThat(nodes().get(0).path("status").asString()).isEqualTo("ONLINE");
    }

    @Test
    void theClusterJobMarksASilentNodeOfflineWithoutBeingAsked() {
        fixtures.enrollNode(org, "edge-silent");
        Instant lastHeartbeat =
                Instant.parse(nodes().get(0).path("lastHeartbeatAt").asString());

        // Nothing here calls the sweep: the nodes-offline-sweep job runs it, every 5 s, on
        // whichever test context's scheduler takes it. 15 s of silence plus at most one interval
        // and a poll; the bound leaves room for a slow machine.
        JsonNode node = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> nodes().get(0), n -> n.path("status").asString().equals("OFFLINE"));

        assertThat(Duration.between(lastHeartbeat, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
        assertThat(Instant.parse(node.path("lastHeartbeatAt").asString())).isEqualTo(lastHeartbeat);
    }

    @Test
    void enrolmentTokenWorksOnceAndTheCommandIsShown() {
        Response token = http.post(
                "/api/v1/orgs/" + org.id() + "/nodes/enrollment-tokens",
                "{}",
                "Authorization",
                bearer(org.adminToken()));
        String body = enrollBody(token.json().path("token").asString(), "edge-3");

        Response first = http.post("/api/v1/node/enroll", body);
        Response second = http.post("/api/v1/node/enroll", body);

        assertThat(token.json().path("command").asString())
                .contains("WADDLEPERF_ENROLLMENT_TOKEN="
                        + token.json().path("token").asString());
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(401);
        assertThat(second.json().path("type").asString()).endsWith("/invalid-enrollment-token");
    }

    @Test
    void aRetriedEnrolmentWithTheSameIdempotencyKeyGetsTheSameNode() {
        Response token = http.post(
                "/api/v1/orgs/" + org.id() + "/nodes/enrollment-tokens",
                "{}",
                "Authorization",
                bearer(org.adminToken()));
        String body = enrollBody(token.json().path("token").asString(), "edge-retry");

        Response first = http.post("/api/v1/node/enroll", body, "Idempotency-Key", "enrol-1");
        Response retry = http.post("/api/v1/node/enroll", body, "Idempotency-Key", "enrol-1");
        Response other = http.post("/api/v1/node/enroll", body, "Idempotency-Key", "enrol-2");

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("nodeId").asString())
                .isEqualTo(first.json().path("nodeId").asString());
        assertThat(heartbeat(retry.json().path("credential").asString(), Fixtures.nodeReport("eu"))
                        .status())
                .isEqualTo(200);
        assertThat(heartbeat(first.json().path("credential").asString(), Fixtures.nodeReport("eu"))
                        .status())
                .as("the lost credential is replaced")
                .isEqualTo(401);
        assertThat(other.status()).isEqualTo(401);
        assertThat(nodes()).hasSize(1);
    }

    @Test
    void expiredEnrolmentTokenIsRefused() {
        var token = registry.createEnrollmentToken(
                new OrgPrincipal(org.id(), Role.ADMIN, null, null, "test"), Duration.ofSeconds(-1));

        Response enrolled = http.post("/api/v1/node/enroll", enrollBody(token.token(), "late"));

        assertThat(enrolled.status()).isEqualTo(401);
    }

    @Test
    void revokedNodeCannotHeartbeat() {
        EnrolledNode node = fixtures.enrollNode(org, "edge-4");

        Response revoked = http.send(http.request(
                        "/api/v1/orgs/" + org.id() + "/nodes/" + node.id(), "Authorization", bearer(org.adminToken()))
                .DELETE()
                .build());
        Response beat = heartbeat(node.credential(), Fixtures.nodeReport("eu-west"));

        assertThat(revoked.json().path("status").asString()).isEqualTo("REVOKED");
        assertThat(beat.status()).isEqualTo(401);
        assertThat(beat.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void anotherOrganisationsNodeIsNotFoundThroughOwnPath() {
        Org other = fixtures.createOrg("Other nodes " + UUID.randomUUID());
        EnrolledNode theirs = fixtures.enrollNode(other, "theirs");

        Response get = http.get(
                "/api/v1/orgs/" + org.id() + "/nodes/" + theirs.id(), "Authorization", bearer(org.adminToken()));

        assertThat(get.status()).isEqualTo(404);
        assertThat(nodes()).isEmpty();
    }

    @Test
    void hostileHeartbeatsGetProblems() {
        EnrolledNode node = fixtures.enrollNode(org, "edge-5");

        Response badReport = heartbeat(
                node.credential(),
                "{\"region\":\"bad region!\",\"labels\":[],\"version\":\"\","
                        + "\"capabilities\":[],\"capacity\":0,\"load\":-1,\"advertisedUrl\":\"file:///etc/passwd\"}");
        Response noCredential = http.post("/api/v1/node/heartbeat", Fixtures.nodeReport("x"));
        Response garbage = heartbeat(node.credential(), "\u0000\u0001{{{");

        assertThat(badReport.status()).isEqualTo(400);
        assertThat(badReport
                        .json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .contains("region", "version", "capacity", "load", "advertisedUrl");
        assertThat(noCredential.status()).isEqualTo(401);
        assertThat(garbage.status()).isEqualTo(400);
    }

    private JsonNode nodes() {
        return http.get("/api/v1/orgs/" + org.id() + "/nodes", "Authorization", bearer(org.adminToken()))
                .json();
    }

    private Response heartbeat(String credential, String report) {
        return http.send(http.request("/api/v1/node/heartbeat", "Authorization", "Bearer " + credential)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(report))
                .build());
    }

    private static String enrollBody(String token, String name) {
        return Fixtures.enrollBody(token, name);
    }
}
