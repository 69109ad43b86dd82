package io.waddleperf.api.shared.errors;

/** The request contradicts the current state, such as cancelling a run that has ended. */
public final class Conflict extends Refused {

    public Conflict(String slug, String detail) {
        super(Kind.CONFLICT, slug, "Conflict", detail);
    }
}
