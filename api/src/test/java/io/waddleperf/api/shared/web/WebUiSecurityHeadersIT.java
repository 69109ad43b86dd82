package io.waddleperf.api.shared.web;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.TestOidcIssuer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The headers of the web UI's page, read from a running server. */
@ApiIntegrationTest
class WebUiSecurityHeadersIT {

    @Value("${local.server.port}")
    int port;

    @Test
    void theUiPageCarriesAStrictPolicyNamingTheApiNodesAndIdentityProviders() {
        HttpTestClient http = new HttpTestClient(port);
        Fixtures fixtures = new Fixtures(http);
        Org org = fixtures.createOrg("CSP " + UUID.randomUUID());
        fixtures.enrollNode(org, "csp-node");
        try (TestOidcIssuer idp = new TestOidcIssuer()) {
            Response configured = http.send(
                    http.request("/api/v1/orgs/" + org.id() + "/sso", "Authorization", bearer(org.adminToken()))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"issuerUri\":\"" + idp.issuer()
                                    + "\",\"audience\":\"waddleperf\",\"roleClaim\":\"groups\",\"roleMapping\":{},"
                                    + "\"defaultRole\":\"VIEWER\"}"))
                            .build());
            assertThat(configured.status()).as(configured.body()).isEqualTo(200);
            URI issuer = URI.create(idp.issuer());

            Response page = http.get("/");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            Map<String, String> policy = directives(page.header("Content-Security-Policy"));
            assertThat(policy.get("default-src")).isEqualTo("'none'");
            assertThat(policy.get("script-src")).isEqualTo("'self'");
            assertThat(policy.get("frame-ancestors")).isEqualTo("'none'");
            assertThat(policy.get("object-src")).isEqualTo("'none'");
            assertThat(policy.get("base-uri")).isEqualTo("'none'");
            assertThat(policy.get("connect-src").split(" "))
                    .contains("'self'", "http://127.0.0.1:8081", "http://" + issuer.getHost() + ":" + issuer.getPort());
            assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
            // The page itself runs no inline script, which the policy would block.
            assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        }
    }

    private static Map<String, String> directives(String header) {
        assertThat(header).isNotBlank();
        return Arrays.stream(header.split(";"))
                .map(String::strip)
                .filter(part -> !part.isEmpty())
                .collect(Collectors.toMap(
                        part -> part.split(" ", 2)[0],
                        part -> part.contains(" ") ? part.split(" ", 2)[1] : "",
                        (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }
}
