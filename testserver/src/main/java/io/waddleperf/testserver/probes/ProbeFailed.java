package io.waddleperf.testserver.probes;

/**
 * A probe could not produce a result: the target was refused, did not resolve, or did not speak
 * the protocol. {@link #kind()} is a stable slug the control API turns into a problem type.
 */
public class ProbeFailed extends RuntimeException {

    private final String kind;

    ProbeFailed(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    ProbeFailed(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
