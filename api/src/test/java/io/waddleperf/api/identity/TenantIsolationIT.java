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

/**
 * An admin naming their own organisation in the path but another organisation's resource id must
 * get 404 as well: the tenant filter scopes the lookup, not just the path check.
 */
@ApiIntegrationTest
class TenantIsolationIT {

    @Value("${local.server.port}")
    int port;

    HttpTestClient http;
    Fixtures fixtures;
    Org mine;
    Org theirs;

    @BeforeEach
    void orgs() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        mine = fixtures.createOrg("Mine " + UUID.randomUUID());
        theirs = fixtures.createOrg("Theirs " + UUID.randomUUID());
    }

    @Test
    void cannotRevokeAnotherOrganisationsApiKeyThroughOwnPath() {
        Response created = http.post(
                "/api/v1/orgs/" + theirs.id() + "/api-keys",
                "{\"name\":\"theirs\",\"role\":\"ADMIN\"}",
                "Authorization",
                bearer(theirs.adminToken()));
        String theirKeyId = created.json().path("key").path("id").asString();

        Response attempt = delete("/api/v1/orgs/" + mine.id() + "/api-keys/" + theirKeyId, mine.adminToken());

        assertThat(attempt.status()).isEqualTo(404);
        String secret = created.json().path("secret").asString();
        assertThat(http.get("/api/v1/orgs/" + theirs.id() + "/members", "Authorization", "ApiKey " + secret)
                        .status())
                .as("their key still works")
                .isEqualTo(200);
    }

    @Test
    void cannotChangeOrRemoveAnotherOrganisationsMemberThroughOwnPath() {
        Member theirMember = fixtures.invite(theirs, "VIEWER");

        Response change = http.send(http.request(
                        "/api/v1/orgs/" + mine.id() + "/members/" + theirMember.userId(),
                        "Authorization",
                        bearer(mine.adminToken()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"ADMIN\"}"))
                .build());
        Response remove = delete("/api/v1/orgs/" + mine.id() + "/members/" + theirMember.userId(), mine.adminToken());

        assertThat(change.status()).isEqualTo(404);
        assertThat(remove.status()).isEqualTo(404);
    }

    @Test
    void listsShowOnlyTheOwnOrganisationsRows() {
        fixtures.invite(theirs, "VIEWER");
        fixtures.createApiKey(theirs, "VIEWER");

        Response members =
                http.get("/api/v1/orgs/" + mine.id() + "/members", "Authorization", bearer(mine.adminToken()));
        Response keys = http.get("/api/v1/orgs/" + mine.id() + "/api-keys", "Authorization", bearer(mine.adminToken()));
        Response audit = http.get("/api/v1/orgs/" + mine.id() + "/audit", "Authorization", bearer(mine.adminToken()));

        assertThat(members.json()).hasSize(1);
        assertThat(members.json().get(0).path("email").asString()).isEqualTo(mine.adminEmail());
        assertThat(keys.json()).isEmpty();
        assertThat(audit.json()
                        .path("items")
                        .valueStream()
                        .map(e -> e.path("target").asString()))
                .noneMatch(target -> target.contains(theirs.adminEmail()));
    }

    @Test
    void unknownAndMalformedOrganisationIds() {
        Response unknown = http.get("/api/v1/orgs/" + UUID.randomUUID(), "Authorization", bearer(mine.adminToken()));
        Response malformed = http.get("/api/v1/orgs/not-a-uuid/members", "Authorization", bearer(mine.adminToken()));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("errors").get(0).path("field").asString())
                .isEqualTo("orgId");
    }

    private Response delete(String path, String token) {
        return http.send(
                http.request(path, "Authorization", bearer(token)).DELETE().build());
    }
}
