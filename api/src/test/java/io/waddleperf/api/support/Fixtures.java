package io.waddleperf.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.support.HttpTestClient.Response;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Builds organisations, members and tokens through the public API, as a real client would. */
public final class Fixtures {

    private final HttpTestClient http;

    public Fixtures(HttpTestClient http) {
        this.http = http;
    }

    public record Org(UUID id, String adminEmail, String adminPassword, String adminToken) {}

    public record Member(UUID userId, String email, String password, String token) {}

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public String operatorToken() {
        return login(ApiIntegrationTest.OPERATOR_EMAIL, ApiIntegrationTest.OPERATOR_PASSWORD, null);
    }

    public String login(String email, String password, UUID orgId) {
        JsonNode body = loginResponse(email, password, orgId).json();
        return body.path("accessToken").asString();
    }

    public Response loginResponse(String email, String password, UUID orgId) {
        String org = orgId == null ? "" : ", \"orgId\": \"" + orgId + "\"";
        Response response = http.post(
                "/api/v1/auth/login", "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"" + org + "}");
        assertThat(response.status())
                .as("login of %s: %s", email, response.body())
                .isEqualTo(200);
        return response;
    }

    public Org createOrg(String name) {
        String adminEmail = uniqueEmail("admin");
        Response created = http.post(
                "/api/v1/orgs",
                "{\"name\": \"" + name + "\", \"adminEmail\": \"" + adminEmail + "\"}",
                "Authorization",
                bearer(operatorToken()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID orgId =
                UUID.fromString(created.json().path("organisation").path("id").asString());
        String password = created.json().path("initialPassword").asString();
        return new Org(orgId, adminEmail, password, login(adminEmail, password, orgId));
    }

    public Member invite(Org org, String role) {
        String email = uniqueEmail(role.toLowerCase());
        Response invited = http.post(
                "/api/v1/orgs/" + org.id() + "/members",
                "{\"email\": \"" + email + "\", \"role\": \"" + role + "\"}",
                "Authorization",
                bearer(org.adminToken()));
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        UUID userId =
                UUID.fromString(invited.json().path("member").path("userId").asString());
        String password = invited.json().path("initialPassword").asString();
        return new Member(userId, email, password, login(email, password, org.id()));
    }

    public record EnrolledNode(UUID id, String credential) {}

    /** A one-time enrolment token the org's ADMIN created, for a node to enrol with. */
    public String enrollmentToken(Org org) {
        Response token = http.post(
                "/api/v1/orgs/" + org.id() + "/nodes/enrollment-tokens",
                "{}",
                "Authorization",
                bearer(org.adminToken()));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return token.json().path("token").asString();
    }

    /** Enrols a node the way a test-server does: admin creates a token, the node exchanges it. */
    public EnrolledNode enrollNode(Org org, String name) {
        Response enrolled = http.post("/api/v1/node/enroll", enrollBody(enrollmentToken(org), name));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        return new EnrolledNode(
                UUID.fromString(enrolled.json().path("nodeId").asString()),
                enrolled.json().path("credential").asString());
    }

    /** A heartbeat body as docs/node-protocol.md defines it. */
    public static String nodeReport(String region) {
        return "{\"nodeId\":null,\"name\":\"edge\",\"region\":\"" + region + "\",\"labels\":[\"rack=1\"],"
                + "\"version\":\"0.1.0\",\"capabilities\":[\"tcp_connect\",\"udp_echo\"],\"capacity\":4,"
                + "\"load\":1,\"systemLoad\":0.35,\"advertisedUrl\":null,\"sentAt\":\"2026-11-22T10:15:30Z\"}";
    }

    /** An enrolment body as docs/node-protocol.md defines it. */
    public static String enrollBody(String token, String name) {
        return "{\"token\":\"" + token + "\",\"name\":\"" + name + "\",\"region\":\"eu-west\","
                + "\"labels\":[\"edge\"],\"version\":\"0.1.0\",\"capabilities\":[\"tcp_connect\",\"udp_echo\"],"
                + "\"capacity\":4,\"advertisedUrl\":\"http://127.0.0.1:8081\"}";
    }

    public String createApiKey(Org org, String role) {
        Response created = http.post(
                "/api/v1/orgs/" + org.id() + "/api-keys",
                "{\"name\": \"key-" + UUID.randomUUID() + "\", \"role\": \"" + role + "\"}",
                "Authorization",
                bearer(org.adminToken()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("secret").asString();
    }

    /** Starts a tier run against {@code target}; answers its id. */
    public String startTierRun(Org org, String bearerToken, int tier, String target) {
        Response accepted = http.post(
                "/api/v1/orgs/" + org.id() + "/runs",
                "{\"tier\":" + tier + ",\"target\":\"" + target + "\"}",
                "Authorization",
                bearerToken);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().path("id").asString();
    }

    /**
     * Waits until the node named {@code name} (a real node process enrolling) is listed ONLINE in
     * the organisation; answers it as {@code GET /nodes} shows it.
     */
    public JsonNode awaitOnlineNode(Org org, String name) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            for (JsonNode node : http.get(
                                            "/api/v1/orgs/" + org.id() + "/nodes",
                                            "Authorization",
                                            bearer(org.adminToken()))
                                    .json()) {
                                if (node.path("name").asString().equals(name)) {
                                    return node;
                                }
                            }
                            return null;
                        },
                        node -> node != null
                                && "ONLINE".equals(node.path("status").asString()));
    }

    /** Waits until the run has ended ({@code finishedAt} set); answers it as {@code GET} shows it. */
    public JsonNode awaitRunEnd(Org org, String bearerToken, String runId, Duration atMost) {
        return await().atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> http.get("/api/v1/orgs/" + org.id() + "/runs/" + runId, "Authorization", bearerToken)
                                .json(),
                        run -> run.path("finishedAt").isString());
    }
}
