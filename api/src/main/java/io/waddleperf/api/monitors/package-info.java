/**
 * AutoPerf monitors (SPEC section 7): tier-1 probes against a target on a schedule, from one or
 * more vantage points, with every API replica sharing the schedule through the database.
 */
@ApplicationModule(
        displayName = "Monitors",
        allowedDependencies = {"runs", "results", "nodes", "tests", "licensing", "audit", "shared"})
package io.waddleperf.api.monitors;

import org.springframework.modulith.ApplicationModule;
