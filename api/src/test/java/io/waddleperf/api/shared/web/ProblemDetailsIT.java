package io.waddleperf.api.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The global handler, exercised over real HTTP through a controller that exists only in this test
 * (so the handler's contract is pinned independently of any feature's endpoints).
 */
@ApiIntegrationTest
@Import(ProblemDetailsIT.ProbeController.class)
class ProblemDetailsIT {

    @Value("${local.server.port}")
    int port;

    HttpTestClient http;

    @BeforeEach
    void client() {
        http = new HttpTestClient(port);
    }

    @Test
    void malformedJsonAnswers400WithWhereItBroke() {
        Response response = http.post("/problem-probe", "{\"name\": \"a\", ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("https://waddleperf.io/problems/malformed-json");
        assertThat(response.json().path("detail").asString()).contains("line 1");
        assertThat(response.body()).doesNotContain("Exception", "at io.", "tools.jackson");
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        Response response =
                http.post("/problem-probe", "{\"name\": \"a\", \"email\": \"a@b.io\", \"streams\": \"many\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asString())
                .isEqualTo("streams");
        assertThat(response.json().path("detail").asString()).contains("streams");
    }

    @Test
    void missingNumberIsReportedAsRequired() {
        Response response = http.post("/problem-probe", "{\"name\": \"a\", \"email\": \"a@b.io\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asString())
                .isEqualTo("streams");
        assertThat(response.json().path("errors").get(0).path("message").asString())
                .isEqualTo("is required");
    }

    @Test
    void validationListsEveryOffendingField() {
        Response response = http.post("/problem-probe", "{\"name\": \" \", \"email\": \"nope\", \"streams\": 500}");

        assertThat(response.status()).isEqualTo(400);
        JsonNode errors = response.json().path("errors");
        assertThat(errors.valueStream().map(e -> e.path("field").asString()))
                .containsExactly("email", "name", "streams");
        assertThat(response.json().path("type").asString()).isEqualTo("https://waddleperf.io/problems/validation");
    }

    @Test
    void badPathVariableNamesTheParameter() {
        Response response = http.get("/problem-probe/not-a-uuid");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asString())
                .isEqualTo("id");
        assertThat(response.json().path("errors").get(0).path("message").asString())
                .isEqualTo("'not-a-uuid' is not a valid uuid");
    }

    @Test
    void unexpectedFailureHidesInternalsButCarriesTheRequestId() {
        Response response = http.get("/problem-probe/" + UUID.randomUUID(), "X-Request-Id", "req-42");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().path("requestId").asString()).isEqualTo("req-42");
        assertThat(response.body()).doesNotContain("secret-internal-state", "IllegalStateException");
    }

    @Test
    void unknownApiPathIsA404ProblemNotTheWebUi() {
        String token = new Fixtures(http).operatorToken();

        Response response = http.get("/api/v1/no-such-thing", "Authorization", Fixtures.bearer(token));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    record ProbeRequest(
            @NotBlank String name,
            @NotBlank @Email String email,
            @Min(1) @Max(128) int streams) {}

    @TestConfiguration
    @RestController
    static class ProbeController {

        @PostMapping("/problem-probe")
        Map<String, Object> accept(@Valid @RequestBody ProbeRequest request) {
            return Map.of("accepted", request.name());
        }

        @GetMapping("/problem-probe/{id}")
        Map<String, Object> fail(@PathVariable UUID id) {
            throw new IllegalStateException("secret-internal-state " + id);
        }
    }
}
