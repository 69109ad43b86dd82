package io.waddleperf.api.results;

import java.util.List;
import java.util.UUID;

/**
 * Published inside the transaction that deleted results (retention), naming the runs whose
 * results went, so whatever else is kept per run can go with them atomically.
 */
public record ResultsDeleted(UUID orgId, List<UUID> runIds) {}
