package io.waddleperf.api.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Problems raised on purpose by feature code; the global handler renders them. */
public final class Http {

    private Http() {}

    /** 404 that never says whether the thing exists in another organisation. */
    public static ErrorResponseException notFound(String what) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " was not found");
    }

    public static ErrorResponseException conflict(String slug, String detail) {
        return problem(HttpStatus.CONFLICT, slug, "Conflict", detail);
    }

    public static ErrorResponseException badRequest(String slug, String detail) {
        return problem(HttpStatus.BAD_REQUEST, slug, "Invalid request", detail);
    }

    public static ErrorResponseException problem(HttpStatus status, String slug, String title, String detail) {
        return new ErrorResponseException(status, Problems.of(status, slug, title, detail), null);
    }
}
