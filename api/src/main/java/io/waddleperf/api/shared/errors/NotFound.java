package io.waddleperf.api.shared.errors;

/** The thing does not exist, or not in the caller's organisation: the answer never tells which. */
public final class NotFound extends Refused {

    /** @param what the thing looked for, such as {@code "Node"}; the detail says it was not found */
    public NotFound(String what) {
        super(Kind.NOT_FOUND, "not-found", "Not found", what + " was not found");
    }
}
