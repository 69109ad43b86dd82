package io.waddleperf.api.archive;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One artefact of a run as the run page shows it.
 *
 * @param runId the probe run it belongs to (a tier run's artefacts belong to its children)
 * @param state {@code spooled} (waiting for S3), {@code stored} (downloadable), {@code conflict}
 *     (a different object already holds the key; never overwritten) or {@code deleting}
 * @param sha256 hex SHA-256 of the content, as uploaded
 */
public record ArtefactView(
        UUID runId,
        String name,
        String contentType,
        long sizeBytes,
        String sha256,
        String state,
        Instant runFinishedAt,
        @Nullable Instant storedAt) {}
