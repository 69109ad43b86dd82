package io.waddleperf.api.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.licensing.FeatureNotLicensed;
import io.waddleperf.api.licensing.LicenseLimitReached;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.licensing.NoValidLicense;
import io.waddleperf.api.shared.errors.Conflict;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.api.shared.errors.TooManyAttempts;
import io.waddleperf.license.WaddlePerfFeature;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;

/** How each domain exception becomes a problem document: status, type, title, detail, extensions. */
class ProblemDetailsHandlerTests {

    final ProblemDetailsHandler handler = new ProblemDetailsHandler();

    @BeforeEach
    void requestId() {
        MDC.put(RequestIdFilter.MDC_KEY, "req-1");
    }

    @AfterEach
    void clearRequestId() {
        MDC.remove(RequestIdFilter.MDC_KEY);
    }

    @ParameterizedTest
    @CsvSource({
        "INVALID, 400",
        "NOT_AUTHENTICATED, 401",
        "NOT_LICENSED, 402",
        "NOT_ALLOWED, 403",
        "NOT_FOUND, 404",
        "CONFLICT, 409",
        "UNPROCESSABLE, 422",
        "TOO_MANY_ATTEMPTS, 429"
    })
    void mapsEachKindToItsStatus(Refused.Kind kind, int status) {
        ProblemDetail problem = body(handle(new Refused(kind, "some-slug", "Some title", "Some detail")));

        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getType()).isEqualTo(URI.create("https://waddleperf.io/problems/some-slug"));
        assertThat(problem.getTitle()).isEqualTo("Some title");
        assertThat(problem.getDetail()).isEqualTo("Some detail");
        assertThat(problem.getInstance()).isEqualTo(URI.create("/api/v1/things"));
        assertThat(problem.getProperties()).containsOnly(Map.entry("requestId", "req-1"));
    }

    @Test
    void notFoundNamesTheThingOnly() {
        ProblemDetail problem = body(handle(new NotFound("Node")));

        assertProblem(problem, 404, "not-found", "Not found", "Node was not found");
    }

    @Test
    void conflictKeepsItsSlug() {
        ProblemDetail problem = body(handle(new Conflict("run-finished", "The run has already ended (failed)")));

        assertProblem(problem, 409, "run-finished", "Conflict", "The run has already ended (failed)");
    }

    @Test
    void invalidInputListsEveryField() {
        List<FieldError> errors = List.of(
                new FieldError("limit", "must be 1-200"),
                new FieldError("status", "must be pending"),
                new FieldError("limit", "must be a number"));

        ProblemDetail problem = body(handle(InvalidInput.of(errors)));

        assertProblem(problem, 400, "validation", "Invalid request", "Invalid value for: limit, status");
        assertThat(problem.getProperties()).containsEntry("errors", errors);
    }

    @Test
    void invalidWithoutFieldsKeepsItsSlug() {
        ProblemDetail problem = body(handle(Refused.invalid("invalid-cursor", "The cursor is not one we handed out")));

        assertProblem(problem, 400, "invalid-cursor", "Invalid request", "The cursor is not one we handed out");
    }

    @Test
    void tooManyAttemptsSaysWhenToRetry() {
        ResponseEntity<Object> response = handle(new TooManyAttempts("too-many-sign-in-attempts", "Slow down", 42));

        assertProblem(body(response), 429, "too-many-sign-in-attempts", "Too many attempts", "Slow down");
        assertThat(body(response).getProperties()).containsEntry("retryAfterSeconds", 42L);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("42");
    }

    @Test
    void featureNotLicensedNamesTheFeature() {
        ProblemDetail problem = body(handle(new FeatureNotLicensed(WaddlePerfFeature.TIER3)));

        assertProblem(
                problem,
                402,
                "feature-not-licensed",
                "License required",
                "The feature 'tier3' is not included in your license (it needs the professional tier or higher)");
        assertThat(problem.getProperties()).containsEntry("feature", "tier3");
    }

    @Test
    void licenseLimitReachedNamesTheLimit() {
        ProblemDetail problem = body(handle(new LicenseLimitReached(Licensing.Limit.MAX_SERVERS, 3, 3)));

        assertProblem(
                problem,
                402,
                "license-limit-reached",
                "License required",
                "The license allows 3 test-server nodes (max_servers); 3 exist already");
        assertThat(problem.getProperties())
                .containsEntry("limit", "max_servers")
                .containsEntry("max", 3);
    }

    @Test
    void noValidLicenseTellsExpiredFromUnconfirmed() {
        ProblemDetail expired = body(handle(NoValidLicense.expired(Instant.parse("2026-01-01T00:00:00Z"))));
        ProblemDetail unconfirmed = body(handle(NoValidLicense.unconfirmed("server unreachable")));

        assertProblem(
                expired, 402, "license-expired", "License required", "The license expired at 2026-01-01T00:00:00Z");
        assertProblem(unconfirmed, 402, "license-invalid", "License required", "No valid license: server unreachable");
    }

    private ResponseEntity<Object> handle(Refused refused) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things");
        ResponseEntity<Object> response =
                handler.handleRefused(refused, new ServletWebRequest(request, new MockHttpServletResponse()));
        assertThat(response).isNotNull();
        return response;
    }

    private static ProblemDetail body(ResponseEntity<Object> response) {
        assertThat(response.getBody()).isInstanceOf(ProblemDetail.class);
        ProblemDetail problem = (ProblemDetail) response.getBody();
        assertThat(response.getStatusCode().value()).isEqualTo(problem.getStatus());
        return problem;
    }

    private static void assertProblem(ProblemDetail problem, int status, String slug, String title, String detail) {
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getType()).isEqualTo(URI.create("https://waddleperf.io/problems/" + slug));
        assertThat(problem.getTitle()).isEqualTo(title);
        assertThat(problem.getDetail()).isEqualTo(detail);
        assertThat(problem.getInstance()).isEqualTo(URI.create("/api/v1/things"));
        assertThat(problem.getProperties()).containsEntry("requestId", "req-1");
    }
}
