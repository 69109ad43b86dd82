/**
 * Capture archive: each probe run's artefacts (samples as gzip NDJSON) are spooled to disk and
 * recorded in the transaction that ends the run, then shipped create-only to S3 (or any
 * S3-compatible store) by a cluster job, listed on the run page and downloaded through short-lived
 * presigned URLs; deleted with the run's results. Nodes hand over artefacts of their own runs with
 * their node credential. Licensed ({@code capture_archive}).
 */
@ApplicationModule(
        displayName = "Capture archive",
        allowedDependencies = {"runs", "results", "nodes", "licensing", "shared"})
package io.waddleperf.api.archive;

import org.springframework.modulith.ApplicationModule;
