package io.waddleperf.protocol;

import java.util.List;

/** A probe's target or parameters break the contract; lists every offending field. */
public final class InvalidProbeSpec extends RuntimeException {

    private final List<Violation> violations;

    public InvalidProbeSpec(List<Violation> violations) {
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
