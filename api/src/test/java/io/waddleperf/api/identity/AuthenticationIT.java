package io.waddleperf.api.identity;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Member;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

@ApiIntegrationTest
class AuthenticationIT {

    @Value("${local.server.port}")
    int port;

    HttpTestClient http;
    Fixtures fixtures;

    @BeforeEach
    void client() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
    }

    @Test
    void signInIssuesAnRs256AccessTokenWithSubOrgAndRoles() {
        Org org = fixtures.createOrg("Sign-in " + UUID.randomUUID());

        JsonNode tokens = fixtures.loginResponse(org.adminEmail(), org.adminPassword(), org.id())
                .json();
        JsonNode header = decode(tokens.path("accessToken").asString(), 0);
        JsonNode claims = decode(tokens.path("accessToken").asString(), 1);

        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        assertThat(claims.path("org").asString()).isEqualTo(org.id().toString());
        assertThat(claims.path("roles").get(0).asString()).isEqualTo("ADMIN");
        assertThat(claims.path("sub").asString()).isNotBlank();
        assertThat(tokens.path("refreshToken").asString()).hasSizeGreaterThan(30);
        assertThat(tokens.path("expiresIn").asLong()).isEqualTo(900);
        JsonNode jwks = http.get("/.well-known/jwks.json").json();
        assertThat(jwks.path("keys").get(0).path("kid").asString())
                .isEqualTo(header.path("kid").asString());
    }

    @Test
    void wrongPasswordAndUnknownAccountGetTheSame401Problem() {
        Org org = fixtures.createOrg("Wrong password " + UUID.randomUUID());

        Response wrong = loginFrom("10.1.0.1", org.adminEmail(), "not-the-password");
        Response unknown = loginFrom("10.1.0.1", Fixtures.uniqueEmail("ghost"), "whatever-password");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().path("detail").asString())
                .isEqualTo(unknown.json().path("detail").asString());
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void accountLocksAfterRepeatedFailuresEvenWithTheRightPassword() {
        Org org = fixtures.createOrg("Lockout " + UUID.randomUUID());
        for (int i = 0; i < 5; i++) {
            assertThat(loginFrom("10.2.0." + i, org.adminEmail(), "wrong-" + i).status())
                    .isEqualTo(401);
        }

        Response locked = loginFrom("10.2.0.99", org.adminEmail(), org.adminPassword());

        assertThat(locked.status()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(locked.json().path("type").asString()).endsWith("/too-many-sign-in-attempts");
    }

    @Test
    void moreThanTenFailedSignInsPerMinuteFromOneAddressGet429() {
        String ip = "10.3." + (int) (Math.random() * 200) + ".7";
        for (int i = 0; i < 10; i++) {
            assertThat(loginFrom(ip, Fixtures.uniqueEmail("spray"), "password-" + i)
                            .status())
                    .isEqualTo(401);
        }

        Response limited = loginFrom(ip, Fixtures.uniqueEmail("spray"), "password-x");
        Response otherAddress = loginFrom("10.4.0.1", Fixtures.uniqueEmail("spray"), "password-y");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(otherAddress.status()).isEqualTo(401);
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeFamily() {
        Org org = fixtures.createOrg("Rotation " + UUID.randomUUID());
        String first = fixtures.loginResponse(org.adminEmail(), org.adminPassword(), org.id())
                .json()
                .path("refreshToken")
                .asString();

        Response rotated = refresh(first);
        String second = rotated.json().path("refreshToken").asString();
        Response reused = refresh(first);
        Response afterReuse = refresh(second);

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(second).isNotEqualTo(first);
        assertThat(rotated.json().path("accessToken").asString()).isNotBlank();
        assertThat(reused.status()).isEqualTo(401);
        assertThat(afterReuse.status())
                .as("the thief's token dies with the family")
                .isEqualTo(401);
        JsonNode audit = http.get("/api/v1/orgs/" + org.id() + "/audit", "Authorization", bearer(org.adminToken()))
                .json();
        assertThat(audit.path("items").valueStream().map(e -> e.path("action").asString()))
                .contains("auth.token_family_revoked", "auth.login", "org.created");
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        Org org = fixtures.createOrg("Logout " + UUID.randomUUID());
        String refresh = fixtures.loginResponse(org.adminEmail(), org.adminPassword(), org.id())
                .json()
                .path("refreshToken")
                .asString();

        Response logout = http.post("/api/v1/auth/logout", "{\"refreshToken\": \"" + refresh + "\"}");

        assertThat(logout.status()).isEqualTo(204);
        assertThat(refresh(refresh).status()).isEqualTo(401);
    }

    @Test
    void refreshCanSwitchToAnotherOrganisationOfTheSameUser() {
        Org first = fixtures.createOrg("Switch A " + UUID.randomUUID());
        Org second = fixtures.createOrg("Switch B " + UUID.randomUUID());
        Member member = fixtures.invite(first, "VIEWER");
        http.post(
                "/api/v1/orgs/" + second.id() + "/members",
                "{\"email\": \"" + member.email() + "\", \"role\": \"MAINTAINER\"}",
                "Authorization",
                bearer(second.adminToken()));
        String refresh = fixtures.loginResponse(member.email(), member.password(), first.id())
                .json()
                .path("refreshToken")
                .asString();

        Response switched = http.post(
                "/api/v1/auth/refresh", "{\"refreshToken\": \"" + refresh + "\", \"orgId\": \"" + second.id() + "\"}");

        assertThat(switched.status()).as(switched.body()).isEqualTo(200);
        assertThat(switched.json().path("orgId").asString())
                .isEqualTo(second.id().toString());
        assertThat(switched.json().path("roles").get(0).asString()).isEqualTo("MAINTAINER");
        JsonNode me =
                http.get("/api/v1/me", "Authorization", bearer(member.token())).json();
        assertThat(me.path("memberships").size()).isEqualTo(2);
    }

    @Test
    void refusedOrganisationSwitchLeavesTheRefreshTokenUsable() {
        Org mine = fixtures.createOrg("Switch mine " + UUID.randomUUID());
        Org foreign = fixtures.createOrg("Switch foreign " + UUID.randomUUID());
        String refresh = fixtures.loginResponse(mine.adminEmail(), mine.adminPassword(), mine.id())
                .json()
                .path("refreshToken")
                .asString();

        Response refused = http.post(
                "/api/v1/auth/refresh", "{\"refreshToken\": \"" + refresh + "\", \"orgId\": \"" + foreign.id() + "\"}");
        Response stillWorks = refresh(refresh);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(stillWorks.status()).isEqualTo(200);
    }

    @Test
    void tamperedAndGarbageTokensGet401Problems() {
        Org org = fixtures.createOrg("Tamper " + UUID.randomUUID());
        String token = org.adminToken();
        String[] parts = token.split("\\.");
        String forgedClaims = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]))
                        .replace("\"ADMIN\"", "\"OPERATOR\"")
                        .getBytes());
        String forged = parts[0] + "." + forgedClaims + "." + parts[2];

        Response tampered = http.get("/api/v1/me", "Authorization", bearer(forged));
        Response garbage = http.get("/api/v1/me", "Authorization", bearer("not.a.jwt"));

        assertThat(tampered.status()).isEqualTo(401);
        assertThat(tampered.header("Content-Type")).startsWith("application/problem+json");
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.json().path("status").asInt()).isEqualTo(401);
    }

    @Test
    void oversizedBodyGets413Problem() {
        String huge = "{\"email\": \"a@b.io\", \"password\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        Response response = http.post("/api/v1/auth/login", huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("type").asString()).endsWith("/body-too-large");
    }

    @Test
    void malformedLoginBodyNamesTheField() {
        Response response = http.post("/api/v1/auth/login", "{\"email\": \"not-an-email\", \"password\": \"\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .contains("email", "password");
    }

    private Response loginFrom(String ip, String email, String password) {
        return http.post(
                "/api/v1/auth/login",
                "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}",
                "X-Forwarded-For",
                ip);
    }

    private Response refresh(String token) {
        return http.post("/api/v1/auth/refresh", "{\"refreshToken\": \"" + token + "\"}");
    }

    private static JsonNode decode(String jwt, int part) {
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[part]));
    }
}
