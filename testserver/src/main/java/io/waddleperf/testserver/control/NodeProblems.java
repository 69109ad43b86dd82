package io.waddleperf.testserver.control;

import io.waddleperf.protocol.Violation;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * RFC 9457 problem documents with the same stable {@code type} URIs as the API, so a client that
 * talks to both switches on one set of identifiers.
 */
final class NodeProblems {

    static final String TYPE_BASE = "https://waddleperf.io/problems/";

    private NodeProblems() {}

    /** One invalid input: {@code field} is a JSON path such as {@code params.count}. */
    record FieldError(String field, String message) {}

    static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        return problem;
    }

    static ProblemDetail invalid(List<FieldError> errors) {
        String detail = Violation.describe(
                errors.stream().map(e -> new Violation(e.field(), e.message())).toList());
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    static ErrorResponseException exception(ProblemDetail problem) {
        return new ErrorResponseException(HttpStatus.valueOf(problem.getStatus()), problem, null);
    }

    static ErrorResponseException runNotFound(String runId) {
        return exception(
                of(HttpStatus.NOT_FOUND, "run-not-found", "Run not found", "No run " + runId + " on this node"));
    }

    static ErrorResponseException runExists(String runId) {
        return exception(of(
                HttpStatus.CONFLICT, "run-exists", "Run already exists", "Run " + runId + " was already started here"));
    }

    static ErrorResponseException tokenNotForRun(String runId) {
        return exception(of(
                HttpStatus.FORBIDDEN,
                "token-not-for-run",
                "Token not valid for this run",
                "The bearer token was issued for another run than " + runId));
    }

    /** Full: the caller should retry later or pick another node. */
    static ErrorResponseException busy(int capacity) {
        ErrorResponseException busy = exception(of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "node-busy",
                "Node at capacity",
                "This node already runs " + capacity + " probes; retry later or use another node"));
        busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return busy;
    }
}
