/**
 * Runs of tests and tiers: the run state machine, dispatch to healthy nodes, live progress and
 * the timeout sweeper. Publishes {@link io.waddleperf.api.runs.RunFinished} when a run ends.
 */
@ApplicationModule(
        displayName = "Runs",
        allowedDependencies = {"identity", "nodes", "tests", "licensing", "audit", "shared"})
package io.waddleperf.api.runs;

import org.springframework.modulith.ApplicationModule;
