package io.waddleperf.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunStatusTests {

    @Test
    void followsPendingDispatchedRunningToAnEnd() {
        assertThat(RunStatus.PENDING.canMoveTo(RunStatus.DISPATCHED)).isTrue();
        assertThat(RunStatus.DISPATCHED.canMoveTo(RunStatus.RUNNING)).isTrue();
        assertThat(RunStatus.RUNNING.canMoveTo(RunStatus.SUCCEEDED)).isTrue();
        assertThat(RunStatus.RUNNING.canMoveTo(RunStatus.TIMED_OUT)).isTrue();
    }

    @Test
    void unfinishedRunsMayEndEarlyAndDispatchedOnesFailOver() {
        for (RunStatus open : new RunStatus[] {RunStatus.PENDING, RunStatus.DISPATCHED, RunStatus.RUNNING}) {
            assertThat(open.canMoveTo(RunStatus.CANCELED)).as(open.name()).isTrue();
            assertThat(open.canMoveTo(RunStatus.FAILED)).as(open.name()).isTrue();
        }
        assertThat(RunStatus.DISPATCHED.canMoveTo(RunStatus.DISPATCHED)).isTrue();
    }

    @Test
    void refusesSkippingBackwardsAndLeavingAnEnd() {
        assertThat(RunStatus.PENDING.canMoveTo(RunStatus.RUNNING)).isFalse();
        assertThat(RunStatus.RUNNING.canMoveTo(RunStatus.DISPATCHED)).isFalse();
        assertThat(RunStatus.RUNNING.canMoveTo(RunStatus.PENDING)).isFalse();
        for (RunStatus end : RunStatus.values()) {
            if (end.terminal()) {
                for (RunStatus next : RunStatus.values()) {
                    assertThat(end.canMoveTo(next)).as(end + " -> " + next).isFalse();
                }
            }
        }
    }

    @Test
    void wireNamesAreLowerCase() {
        assertThat(RunStatus.TIMED_OUT.wireName()).isEqualTo("timed_out");
        assertThat(RunStatus.fromWireName("canceled")).contains(RunStatus.CANCELED);
        assertThat(RunStatus.fromWireName("CANCELED")).isEmpty();
    }
}
