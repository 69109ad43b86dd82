package io.waddleperf.api.identity.internal;

import io.waddleperf.api.shared.web.Http;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The identity module's problem documents. */
final class IdentityProblems {

    private IdentityProblems() {}

    /** Same answer for unknown e-mail and wrong password, so sign-in cannot probe accounts. */
    static ErrorResponseException invalidCredentials() {
        return Http.problem(
                HttpStatus.UNAUTHORIZED, "invalid-credentials", "Sign-in failed", "E-mail or password is wrong");
    }

    static ErrorResponseException invalidRefreshToken() {
        return Http.problem(
                HttpStatus.UNAUTHORIZED,
                "invalid-refresh-token",
                "Session expired",
                "The refresh token is invalid, expired or revoked; sign in again");
    }

    static ErrorResponseException tooManyAttempts(String detail, long retryAfterSeconds) {
        ErrorResponseException problem =
                Http.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-attempts", "Too many attempts", detail);
        problem.getHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        problem.getBody().setProperty("retryAfterSeconds", retryAfterSeconds);
        return problem;
    }

    static ErrorResponseException notMember() {
        return Http.problem(
                HttpStatus.FORBIDDEN, "not-a-member", "Not a member", "You are not a member of that organisation");
    }
}
