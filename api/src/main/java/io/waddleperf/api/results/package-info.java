/**
 * Results of runs: typed summary columns and per-second samples, threshold verdicts, idempotent
 * ingest, filtered keyset-paged queries, streamed exports, retention, and browser speed tests.
 */
@ApplicationModule(
        displayName = "Results",
        allowedDependencies = {"runs", "nodes", "tests", "licensing", "audit", "shared"})
package io.waddleperf.api.results;

import org.springframework.modulith.ApplicationModule;
