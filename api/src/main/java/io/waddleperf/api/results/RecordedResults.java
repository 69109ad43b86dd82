package io.waddleperf.api.results;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/** Stored results read back as the events that announced them, for rebuilding aggregates. */
public interface RecordedResults {

    /**
     * Calls {@code each} for every result of the organisation finished in [from, to), oldest
     * first, reading in keyset chunks so memory stays flat whatever the period.
     */
    void forEach(UUID orgId, Instant from, Instant to, Consumer<ResultStored> each);
}
