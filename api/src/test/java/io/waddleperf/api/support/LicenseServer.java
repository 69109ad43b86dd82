package io.waddleperf.api.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.waddleperf.license.LicenseKey;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A stand-in for the external PenguinTech license server over real HTTP on 127.0.0.1 (WireMock),
 * answering the documented contract.
 */
public final class LicenseServer implements AutoCloseable {

    public static final String KEY =
            LicenseKey.withChecksum("PENG-TEST-0000-0000-0001").value();

    private final WireMockServer server = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    public LicenseServer() {
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Answers validate with a license of {@code tier} entitling {@code features}. */
    public void license(String tier, List<String> features, int maxUsers) {
        license(tier, features, maxUsers, 100_000);
    }

    /** Answers validate with a license of {@code tier} entitling {@code features}, with these limits. */
    public void license(String tier, List<String> features, int maxUsers, int maxServers) {
        String featureJson = features.stream()
                .map(name -> "{\"name\":\"" + name
                        + "\",\"entitled\":true,\"units\":0,\"description\":\"\",\"metadata\":{}}")
                .collect(Collectors.joining(","));
        String body =
                "{\"valid\":true,\"customer\":\"Test Customer\",\"product\":\"waddleperf\",\"license_version\":\"2\","
                        + "\"license_key\":\"" + KEY + "\",\"issued_at\":\"2026-01-01T00:00:00Z\","
                        + "\"expires_at\":\"2099-01-01T00:00:00Z\",\"tier\":\"" + tier + "\",\"features\":["
                        + featureJson + "],"
                        + "\"limits\":{\"max_servers\":" + maxServers + ",\"max_users\":" + maxUsers
                        + ",\"data_retention_days\":30},"
                        + "\"metadata\":{\"server_id\":\"srv_test\",\"support_tier\":\"email\",\"custom_fields\":{}}}";
        server.stubFor(post(urlEqualTo("/api/v2/validate"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
        server.stubFor(post(urlEqualTo("/api/v2/keepalive"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true}")));
    }

    /** Answers validate with an HTTP error, as for a revoked or unknown key. */
    public void reject(int status, String message) {
        server.stubFor(post(urlEqualTo("/api/v2/validate"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"" + message + "\"}")));
    }

    /**
     * Plays a server that is down: every validate and keepalive has its connection reset (the
     * chaos suite's LICENSE_DOWN); {@link #license} answers again.
     */
    public void down() {
        for (String path : List.of("/api/v2/validate", "/api/v2/keepalive")) {
            server.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        }
    }

    public List<LoggedRequest> requests(String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path)));
    }

    @Override
    public void close() {
        server.stop();
    }
}
