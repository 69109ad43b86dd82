package io.waddleperf.api.sessions.internal;

import io.waddleperf.api.shared.database.RetryOnConflict;
import io.waddleperf.protocol.SessionProgress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The write transactions, each short and safe to run again: inserts that skip what is already
 * there. Two replicas taking the same retried batch at once may still lose a Galera certification
 * race on the unique key; the retry then finds the rows and skips them.
 */
@Component
public class SessionWrites {

    private final SessionStore store;

    SessionWrites(SessionStore store) {
        this.store = store;
    }

    @Transactional
    @RetryOnConflict
    public int store(UUID orgId, UUID nodeId, List<SessionStore.Located> sessions, Instant now) {
        return store.insert(orgId, nodeId, sessions, now);
    }

    @Transactional
    @RetryOnConflict
    public void progress(UUID orgId, UUID nodeId, List<SessionProgress> progress, Instant now) {
        store.addPoints(orgId, nodeId, progress, now);
    }
}
