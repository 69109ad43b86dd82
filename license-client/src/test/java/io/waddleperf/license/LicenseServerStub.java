package io.waddleperf.license;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.waddleperf.license.internal.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stand-in license server on 127.0.0.1 with an ephemeral port, speaking real HTTP. */
final class LicenseServerStub implements AutoCloseable {

    static final String VALIDATE = "/api/v2/validate";
    static final String FEATURES = "/api/v2/features";
    static final String KEEPALIVE = "/api/v2/keepalive";
    static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant EXPIRES = Instant.parse("2027-11-22T00:00:00Z");

    private final WireMockServer server;

    LicenseServerStub() {
        server = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    void answer(String path, ResponseDefinitionBuilder response) {
        // A newer stub for the same path wins, which lets a test switch the server's mood.
        server.stubFor(post(urlEqualTo(path)).willReturn(response));
    }

    void answerValid(Tier tier, List<String> entitled, Instant expiresAt) {
        answer(VALIDATE, json(200, validAnswer(tier, entitled, expiresAt)));
    }

    int requestsTo(String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    int allRequests() {
        return server.findAll(anyRequestedFor(anyUrl())).size();
    }

    List<LoggedRequest> requests(String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path)));
    }

    void stop() {
        server.stop();
    }

    @Override
    public void close() {
        server.stop();
    }

    static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body instanceof String text ? text : Json.write(body));
    }

    /** The documented validate answer, with an undocumented member the client must ignore. */
    static Map<String, Object> validAnswer(Tier tier, List<String> entitled, Instant expiresAt) {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("max_servers", tier == Tier.ENTERPRISE ? -1 : 10);
        limits.put("max_users", tier == Tier.ENTERPRISE ? -1 : 25);
        limits.put("data_retention_days", tier == Tier.COMMUNITY ? 30 : 90);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("server_id", "srv_8f7d6e5c4b3a2918");
        metadata.put("support_tier", "email");
        metadata.put("custom_fields", Map.of("account_manager", "pat"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("valid", true);
        answer.put("customer", "Example Corp");
        answer.put("product", "waddleperf");
        answer.put("license_version", "2.0");
        answer.put("license_key", "PENG-XXXX-XXXX-XXXX-XXXX-ABCD");
        answer.put("expires_at", expiresAt.toString());
        answer.put("issued_at", ISSUED.toString());
        answer.put("tier", tier.wireName());
        answer.put(
                "features",
                Arrays.stream(WaddlePerfFeature.values())
                        .map(f -> feature(f.wireName(), entitled.contains(f.wireName())))
                        .toList());
        answer.put("limits", limits);
        answer.put("metadata", metadata);
        answer.put("rate_limit_hint", Map.of("per_minute", 60));
        return answer;
    }

    static Map<String, Object> feature(String name, boolean entitled) {
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("name", name);
        feature.put("entitled", entitled);
        feature.put("units", entitled ? 0 : -1);
        feature.put("description", name + " feature");
        feature.put("metadata", Map.of());
        feature.put("introduced_in", "2.1");
        return feature;
    }
}
