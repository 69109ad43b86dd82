package io.waddleperf.api.shared.errors;

import java.util.Map;

/** The caller tried too often; they may try again after {@link #retryAfterSeconds()}. */
public final class TooManyAttempts extends Refused {

    private final long retryAfterSeconds;

    public TooManyAttempts(String slug, String detail, long retryAfterSeconds) {
        super(
                Kind.TOO_MANY_ATTEMPTS,
                slug,
                "Too many attempts",
                detail,
                Map.of("retryAfterSeconds", retryAfterSeconds));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
