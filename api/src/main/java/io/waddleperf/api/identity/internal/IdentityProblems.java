package io.waddleperf.api.identity.internal;

import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.api.shared.errors.Refused.Kind;
import io.waddleperf.api.shared.errors.TooManyAttempts;

/** Why the identity module turns a caller away. */
final class IdentityProblems {

    private IdentityProblems() {}

    /** Same answer for unknown e-mail and wrong password, so sign-in cannot probe accounts. */
    static Refused invalidCredentials() {
        return new Refused(
                Kind.NOT_AUTHENTICATED, "invalid-credentials", "Sign-in failed", "E-mail or password is wrong");
    }

    static Refused invalidRefreshToken() {
        return new Refused(
                Kind.NOT_AUTHENTICATED,
                "invalid-refresh-token",
                "Session expired",
                "The refresh token is invalid, expired or revoked; sign in again");
    }

    static TooManyAttempts tooManyAttempts(String detail, long retryAfterSeconds) {
        return new TooManyAttempts("too-many-sign-in-attempts", detail, retryAfterSeconds);
    }

    static Refused notMember() {
        return new Refused(
                Kind.NOT_ALLOWED, "not-a-member", "Not a member", "You are not a member of that organisation");
    }
}
