package io.waddleperf.api.shared.web;

import io.waddleperf.api.shared.errors.InvalidInput;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds the RFC 9457 problem documents every part of the API answers with. The {@code type} URIs
 * are stable identifiers clients may switch on; they are documented in docs/api.md.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://waddleperf.io/problems/";
    /** Extension member carrying one entry per offending field. */
    public static final String ERRORS = InvalidInput.ERRORS;

    private Problems() {}

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    /**
     * One invalid input: {@code field} is a JSON path or parameter name. Kept only while TestCatalog
     * and Runs (and ProbeParameters and TierPlan, which feed them) use it; everything else uses
     * {@link io.waddleperf.api.shared.errors.FieldError}.
     */
    public record FieldError(String field, String message) {}

    /** Kept only while TestCatalog and Runs use it; everything else throws {@code InvalidInput}. */
    public static ProblemDetail invalid(String detail, List<FieldError> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
        problem.setProperty(ERRORS, errors);
        return problem;
    }
}
