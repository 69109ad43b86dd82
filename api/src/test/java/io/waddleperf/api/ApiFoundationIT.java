package io.waddleperf.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

@ApiIntegrationTest
class ApiFoundationIT {

    @Value("${local.server.port}")
    int port;

    HttpTestClient http;

    @BeforeEach
    void client() {
        http = new HttpTestClient(port);
    }

    @Test
    void healthIsUpWithTheDatabase() {
        Response response = http.get("/actuator/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void infoReportsTheReleaseVersionFromTheVersionFile() throws Exception {
        String expected = Files.readString(Path.of("../.version")).strip();

        JsonNode info = http.get("/actuator/info").json();

        assertThat(info.path("waddleperf").path("version").asString()).isEqualTo(expected);
        assertThat("v" + info.path("build").path("version").asString()).isEqualTo(expected);
    }

    @Test
    void publishesAValidOpenApiDocument() {
        Response response = http.get("/v3/api-docs");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("openapi").asString()).startsWith("3.");
        assertThat(response.json().path("info").path("title").asString()).isNotBlank();
    }

    @Test
    void servesSwaggerUi() {
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void exposesPrometheusMetrics() {
        Response response = http.get("/actuator/prometheus");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void servesTheWebUiAtTheRoot() {
        Response response = http.get("/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/html");
        assertThat(response.body()).contains("<div id=\"root\"");
    }

    @Test
    void clientSideRoutesFallBackToTheWebUiButMissingAssetsDoNot() {
        Response route = http.get("/nodes/42");
        Response asset = http.get("/assets/missing-file.js");

        assertThat(route.status()).isEqualTo(200);
        assertThat(route.body()).contains("<div id=\"root\"");
        assertThat(asset.status()).isEqualTo(404);
    }

    @Test
    void unauthenticatedApiCallGetsProblemDetail401() {
        Response response = http.get("/api/v1/anything");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
        assertThat(response.json().path("type").asString()).isEqualTo("https://waddleperf.io/problems/unauthenticated");
        assertThat(response.json().path("requestId").asString()).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void keepsASafeCallerRequestIdAndReplacesAHostileOne() {
        assertThat(http.get("/actuator/health", "X-Request-Id", "trace-123").header("X-Request-Id"))
                .isEqualTo("trace-123");
        assertThat(http.get("/actuator/health", "X-Request-Id", "bad id\" injected")
                        .header("X-Request-Id"))
                .isNotEqualTo("bad id\" injected")
                .matches("[0-9a-f-]{36}");
    }
}
