package io.waddleperf.api.licensing;

/**
 * Modules that own licensed quantities report them here (users, nodes, monitors, runs), so the
 * licensing module can enforce limits and send keepalives without depending on those modules.
 */
public interface UsageSource {

    /** What this source counts; each kind is summed over all sources. */
    enum Kind {
        USERS,
        NODES,
        MONITORS,
        RUNS_LAST_HOUR
    }

    Kind kind();

    long count();
}
