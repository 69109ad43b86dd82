package io.waddleperf.testserver.control;

import io.waddleperf.testserver.control.NodeProblems.FieldError;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A run spec that cannot be started as sent; always answered with 400. */
final class InvalidRunSpec extends RuntimeException {

    private final transient ProblemDetail problem;

    private InvalidRunSpec(ProblemDetail problem) {
        super(problem.getDetail());
        this.problem = problem;
    }

    static InvalidRunSpec fields(List<FieldError> errors) {
        return new InvalidRunSpec(NodeProblems.invalid(errors));
    }

    static InvalidRunSpec malformed(String detail) {
        return new InvalidRunSpec(NodeProblems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", detail));
    }

    ProblemDetail problem() {
        return problem;
    }
}
