package io.waddleperf.api.identity;

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

/** The public SSO discovery endpoint and the SSO configuration's client id. */
@ApiIntegrationTest
class SsoDiscoveryIT {

    @Value("${local.server.port}")
    int port;

    HttpTestClient http;
    Fixtures fixtures;
    Org org;
    String slug;

    @BeforeEach
    void setUp() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Discovery " + UUID.randomUUID());
        slug = http.get("/api/v1/orgs/" + org.id(), "Authorization", bearer(org.adminToken()))
                .json()
                .path("slug")
                .asString();
        assertThat(slug).isNotBlank();
    }

    private Response configure(String clientIdJson) {
        return http.send(http.request("/api/v1/orgs/" + org.id() + "/sso", "Authorization", bearer(org.adminToken()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"issuerUri\":\"https://idp.example.test/" + org.id()
                        + "\",\"audience\":\"waddleperf\"," + clientIdJson
                        + "\"roleClaim\":\"groups\",\"roleMapping\":{},\"defaultRole\":\"VIEWER\"}"))
                .build());
    }

    @Test
    void clientIdRoundTripsAndTheOrganisationIsDiscoverableAnonymously() {
        Response configured = configure("\"clientId\":\"waddleperf-web\",");
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        assertThat(configured.json().path("clientId").asString()).isEqualTo("waddleperf-web");
        assertThat(http.get("/api/v1/orgs/" + org.id() + "/sso", "Authorization", bearer(org.adminToken()))
                        .json()
                        .path("clientId")
                        .asString())
                .isEqualTo("waddleperf-web");

        Response discovered = http.get("/api/v1/auth/sso?org=" + slug);

        assertThat(discovered.status()).as(discovered.body()).isEqualTo(200);
        assertThat(discovered.json().path("orgId").asString())
                .isEqualTo(org.id().toString());
        assertThat(discovered.json().path("orgName").asString()).startsWith("Discovery ");
        assertThat(discovered.json().path("issuerUri").asString()).isEqualTo("https://idp.example.test/" + org.id());
        assertThat(discovered.json().path("clientId").asString()).isEqualTo("waddleperf-web");
        assertThat(discovered.json().path("audience").asString()).isEqualTo("waddleperf");
    }

    @Test
    void unknownOrganisationNoSsoAndNoClientIdAnswerTheSame404() {
        Response unknown = http.get("/api/v1/auth/sso?org=no-such-org-" + UUID.randomUUID());
        Response noSso = http.get("/api/v1/auth/sso?org=" + slug);
        assertThat(configure("").status()).isEqualTo(200);
        Response noClientId = http.get("/api/v1/auth/sso?org=" + slug);

        for (Response response : new Response[] {unknown, noSso, noClientId}) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().path("type").asString()).endsWith("sso-not-configured");
        }
        for (Response response : new Response[] {noSso, noClientId}) {
            assertThat(response.json().path("title").asString())
                    .isEqualTo(unknown.json().path("title").asString());
            assertThat(response.json().path("detail").asString())
                    .isEqualTo(unknown.json().path("detail").asString());
        }
    }

    @Test
    void clientIdIsValidated() {
        Response blank = configure("\"clientId\":\"\",");
        Response spaces = configure("\"clientId\":\"has spaces\",");
        Response tooLong = configure("\"clientId\":\"" + "x".repeat(201) + "\",");

        assertThat(blank.status()).as(blank.body()).isEqualTo(400);
        assertThat(spaces.status()).as(spaces.body()).isEqualTo(400);
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
    }
}
