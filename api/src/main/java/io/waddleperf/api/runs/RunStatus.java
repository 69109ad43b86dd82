package io.waddleperf.api.runs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A run's state (SPEC section 6): {@code pending → dispatched → running → succeeded | failed |
 * timed_out | canceled | skipped}. A dispatched run may be dispatched again (fail-over to another node before
 * it started); any unfinished run may end early; a finished run never changes.
 */
public enum RunStatus {
    PENDING,
    DISPATCHED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELED,
    /**
     * Never ran: a throughput test whose node stayed busy with another one for the whole slip
     * window (two would measure each other).
     */
    SKIPPED;

    private static final Set<RunStatus> TERMINAL = EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT, CANCELED, SKIPPED);

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RunStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }

    public boolean terminal() {
        return TERMINAL.contains(this);
    }

    public boolean canMoveTo(RunStatus next) {
        return switch (this) {
            case PENDING -> next == DISPATCHED || next.terminal();
            case DISPATCHED -> next == DISPATCHED || next == RUNNING || next.terminal();
            case RUNNING -> next.terminal();
            case SUCCEEDED, FAILED, TIMED_OUT, CANCELED, SKIPPED -> false;
        };
    }
}
