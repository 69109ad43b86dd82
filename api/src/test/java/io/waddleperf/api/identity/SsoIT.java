package io.waddleperf.api.identity;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.TestOidcIssuer;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Tokens of an organisation's own OIDC issuer, fetched over real HTTP, act in that organisation only. */
@ApiIntegrationTest
class SsoIT {

    @Value("${local.server.port}")
    int port;

    HttpTestClient http;
    Fixtures fixtures;
    TestOidcIssuer idp;
    Org org;
    Org other;

    @BeforeEach
    void setUp() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        idp = new TestOidcIssuer();
        org = fixtures.createOrg("SSO " + UUID.randomUUID());
        other = fixtures.createOrg("No SSO " + UUID.randomUUID());
        Response configured =
                http.send(http.request("/api/v1/orgs/" + org.id() + "/sso", "Authorization", bearer(org.adminToken()))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"issuerUri\":\"" + idp.issuer() + "\",\"audience\":\"waddleperf\","
                                        + "\"roleClaim\":\"groups\",\"roleMapping\":{\"net-admins\":\"ADMIN\",\"net-ops\":\"MAINTAINER\"},"
                                        + "\"defaultRole\":\"VIEWER\"}"))
                        .build());
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
    }

    @AfterEach
    void stopIdp() {
        idp.close();
    }

    @Test
    void mappedGroupGrantsItsRoleInTheConfiguredOrganisationOnly() {
        String token = idp.token(
                "alice", "waddleperf", Map.of("groups", List.of("staff", "net-admins"), "email", "alice@corp.test"));

        assertThat(http.get("/api/v1/orgs/" + org.id() + "/members", "Authorization", bearer(token))
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/orgs/" + other.id(), "Authorization", bearer(token))
                        .status())
                .isEqualTo(404);
        Response me = http.get("/api/v1/me", "Authorization", bearer(token));
        assertThat(me.json().path("kind").asString()).isEqualTo("sso");
        assertThat(me.json().path("memberships").get(0).path("role").asString()).isEqualTo("ADMIN");
    }

    @Test
    void unmappedUserGetsTheDefaultRole() {
        String token = idp.token("bob", "waddleperf", Map.of("groups", List.of("staff")));

        assertThat(http.get("/api/v1/orgs/" + org.id(), "Authorization", bearer(token))
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/orgs/" + org.id() + "/members", "Authorization", bearer(token))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void wrongAudienceOrForgedSignatureIsRejected() {
        String wrongAudience = idp.token("carol", "someone-else", Map.of("groups", List.of("net-admins")));
        String forged = idp.forgedToken("mallory", "waddleperf", Map.of("groups", List.of("net-admins")));

        assertThat(http.get("/api/v1/orgs/" + org.id(), "Authorization", bearer(wrongAudience))
                        .status())
                .isEqualTo(401);
        assertThat(http.get("/api/v1/orgs/" + org.id(), "Authorization", bearer(forged))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void tokensOfAnUnconfiguredIssuerAreRejected() {
        try (TestOidcIssuer stranger = new TestOidcIssuer()) {
            String token = stranger.token("eve", "waddleperf", Map.of("groups", List.of("net-admins")));

            assertThat(http.get("/api/v1/me", "Authorization", bearer(token)).status())
                    .isEqualTo(401);
        }
    }
}
