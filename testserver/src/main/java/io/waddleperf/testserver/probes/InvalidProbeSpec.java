package io.waddleperf.testserver.probes;

import java.util.List;

/** A probe's target or parameters are invalid; lists every offending field. */
public final class InvalidProbeSpec extends RuntimeException {

    /** {@code field} is a JSON path such as {@code params.count} or {@code target}. */
    public record Violation(String field, String message) {}

    private final List<Violation> violations;

    InvalidProbeSpec(List<Violation> violations) {
        super(
                violations.isEmpty()
                        ? "invalid probe"
                        : violations.getFirst().field() + " "
                                + violations.getFirst().message());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
