package io.waddleperf.api.identity;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Member;
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
class MembersAndKeysIT {

    @Value("${local.server.port}")
    int port;

    HttpTestClient http;
    Fixtures fixtures;
    Org org;

    @BeforeEach
    void org() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Members " + UUID.randomUUID());
    }

    @Test
    void theLastAdminCanBeNeitherDemotedNorRemoved() {
        UUID adminId = adminUserId();

        Response demote = put("/api/v1/orgs/" + org.id() + "/members/" + adminId, "{\"role\":\"VIEWER\"}");
        Response remove = delete("/api/v1/orgs/" + org.id() + "/members/" + adminId, org.adminToken());

        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().path("type").asString()).endsWith("/last-admin");
        assertThat(remove.status()).isEqualTo(409);
    }

    @Test
    void anAdminCanStepDownOnceAnotherAdminExists() {
        Member second = fixtures.invite(org, "MAINTAINER");
        put("/api/v1/orgs/" + org.id() + "/members/" + second.userId(), "{\"role\":\"ADMIN\"}");

        Response demote = put("/api/v1/orgs/" + org.id() + "/members/" + adminUserId(), "{\"role\":\"VIEWER\"}");

        assertThat(demote.status()).isEqualTo(200);
        assertThat(demote.json().path("role").asString()).isEqualTo("VIEWER");
    }

    @Test
    void invitingAnExistingMemberConflictsAndRoleChangesAreAudited() {
        Member viewer = fixtures.invite(org, "VIEWER");

        Response again = http.post(
                "/api/v1/orgs/" + org.id() + "/members",
                "{\"email\":\"" + viewer.email() + "\",\"role\":\"ADMIN\"}",
                "Authorization",
                bearer(org.adminToken()));
        put("/api/v1/orgs/" + org.id() + "/members/" + viewer.userId(), "{\"role\":\"MAINTAINER\"}");
        delete("/api/v1/orgs/" + org.id() + "/members/" + viewer.userId(), org.adminToken());

        assertThat(again.status()).isEqualTo(409);
        JsonNode audit = http.get("/api/v1/orgs/" + org.id() + "/audit", "Authorization", bearer(org.adminToken()))
                .json();
        assertThat(audit.path("items").valueStream().map(e -> e.path("action").asString()))
                .contains("member.invited", "member.role_changed", "member.removed");
        JsonNode first = audit.path("items").get(0);
        assertThat(first.path("actor").asString()).isEqualTo(org.adminEmail());
        assertThat(first.path("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(audit.path("totalItems").asLong()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void removedMemberLosesAccessImmediately() {
        Member viewer = fixtures.invite(org, "VIEWER");
        assertThat(http.get("/api/v1/orgs/" + org.id(), "Authorization", bearer(viewer.token()))
                        .status())
                .isEqualTo(200);

        delete("/api/v1/orgs/" + org.id() + "/members/" + viewer.userId(), org.adminToken());

        assertThat(http.get("/api/v1/orgs/" + org.id(), "Authorization", bearer(viewer.token()))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void apiKeyIsShownOnceHashedScopedToItsOrgAndRoleAndRevocable() {
        Org other = fixtures.createOrg("Other " + UUID.randomUUID());
        Response created = http.post(
                "/api/v1/orgs/" + org.id() + "/api-keys",
                "{\"name\":\"ci\",\"role\":\"VIEWER\"}",
                "Authorization",
                bearer(org.adminToken()));
        String secret = created.json().path("secret").asString();
        String keyId = created.json().path("key").path("id").asString();
        String auth = "ApiKey " + secret;

        assertThat(created.status()).isEqualTo(201);
        assertThat(secret)
                .startsWith("wpk_" + created.json().path("key").path("prefix").asString() + "_");
        Response listed = http.get("/api/v1/orgs/" + org.id() + "/api-keys", "Authorization", bearer(org.adminToken()));
        assertThat(listed.body()).doesNotContain(secret.substring(13));
        assertThat(http.get("/api/v1/orgs/" + org.id(), "Authorization", auth).status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/orgs/" + org.id() + "/members", "Authorization", auth)
                        .status())
                .as("a VIEWER key cannot do ADMIN things")
                .isEqualTo(403);
        assertThat(http.get("/api/v1/orgs/" + other.id(), "Authorization", auth).status())
                .as("a key acts only in its organisation")
                .isEqualTo(404);
        assertThat(http.get("/api/v1/me", "Authorization", auth)
                        .json()
                        .path("kind")
                        .asString())
                .isEqualTo("api_key");

        assertThat(delete("/api/v1/orgs/" + org.id() + "/api-keys/" + keyId, org.adminToken())
                        .status())
                .isEqualTo(200);

        Response revoked = http.get("/api/v1/orgs/" + org.id(), "Authorization", auth);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.get("/api/v1/orgs/" + org.id(), "Authorization", "ApiKey wpk_forged_key")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aMemberReplacesTheInitialPassword() {
        Member viewer = fixtures.invite(org, "VIEWER");
        String body = "{\"currentPassword\":\"" + viewer.password() + "\",\"newPassword\":\"my-own-long-password\"}";

        Response changed = http.post("/api/v1/me/password", body, "Authorization", bearer(viewer.token()));
        Response tooShort = http.post(
                "/api/v1/me/password",
                "{\"currentPassword\":\"my-own-long-password\",\"newPassword\":\"short\"}",
                "Authorization",
                bearer(viewer.token()));

        assertThat(changed.status()).isEqualTo(204);
        assertThat(fixtures.login(viewer.email(), "my-own-long-password", org.id()))
                .isNotBlank();
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().path("errors").get(0).path("field").asString())
                .isEqualTo("newPassword");
    }

    @Test
    void theAuditLogWritesAnIpv6ClientInItsCanonicalForm() {
        Member viewer = fixtures.invite(org, "VIEWER");

        Response changed = HttpTestClient.overIpv6(port)
                .send(HttpTestClient.overIpv6(port)
                        .request(
                                "/api/v1/orgs/" + org.id() + "/members/" + viewer.userId(),
                                "Authorization",
                                bearer(org.adminToken()))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"MAINTAINER\"}"))
                        .build());

        assertThat(changed.status()).isEqualTo(200);
        JsonNode audit = http.get("/api/v1/orgs/" + org.id() + "/audit", "Authorization", bearer(org.adminToken()))
                .json();
        JsonNode roleChange = audit.path("items")
                .valueStream()
                .filter(e -> e.path("action").asString().equals("member.role_changed"))
                .findFirst()
                .orElseThrow();
        assertThat(roleChange.path("ip").asString()).isEqualTo("::1");
    }

    private UUID adminUserId() {
        JsonNode members = http.get("/api/v1/orgs/" + org.id() + "/members", "Authorization", bearer(org.adminToken()))
                .json();
        return UUID.fromString(members.valueStream()
                .filter(m -> m.path("email").asString().equals(org.adminEmail()))
                .findFirst()
                .orElseThrow()
                .path("userId")
                .asString());
    }

    private Response put(String path, String body) {
        return http.send(http.request(path, "Authorization", bearer(org.adminToken()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private Response delete(String path, String token) {
        return http.send(
                http.request(path, "Authorization", bearer(token)).DELETE().build());
    }
}
