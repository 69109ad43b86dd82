package io.waddleperf.api.shared.database;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.hibernate.StaleStateException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The write conflicts that running the whole transaction again can cure.
 *
 * <p>Decided on the driver's error where there is one, not on the exception class: Spring's
 * translator and Hibernate's name the same error differently (Hibernate turns 1213 into a lock
 * acquisition failure, which Spring reports as {@code CannotAcquireLockException} — the class it
 * also uses for a 1205 lock wait timeout), and JPA commits can arrive wrapped in a
 * {@code TransactionSystemException}. So the cause chain is searched for the {@link SQLException}.
 *
 * <p>Lock wait timeouts (1205) are deliberately not retried. On Galera, conflicts between nodes
 * never wait: they fail certification with 1213 at once. A 1205 comes only from a lock held on
 * the same node for {@code innodb_lock_wait_timeout} (50 s by default), i.e. from a long
 * transaction, which SPEC section 10 rules out; retrying would hold a request thread for
 * attempts × 50 s and hide the culprit. It surfaces as an error instead.
 */
enum Conflict {
    /**
     * 1213 / 40001: InnoDB chose this transaction as a deadlock victim, or Galera failed it in
     * certification or aborted it for a replicated write ("brute-force abort"); the database has
     * rolled it back.
     */
    LOCK("lock"),
    /** A {@code @Version} check found the row changed since this transaction read it. */
    STALE_VERSION("version");

    static final int ER_LOCK_DEADLOCK = 1213;
    static final String SERIALIZATION_FAILURE = "40001";

    final String tag;

    Conflict(String tag) {
        this.tag = tag;
    }

    static Optional<Conflict> of(Throwable failure) {
        boolean staleVersion = false;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql
                    && (sql.getErrorCode() == ER_LOCK_DEADLOCK || SERIALIZATION_FAILURE.equals(sql.getSQLState()))) {
                return Optional.of(LOCK);
            }
            staleVersion |= t instanceof OptimisticLockingFailureException
                    || t instanceof OptimisticLockException
                    || t instanceof StaleStateException;
        }
        return staleVersion ? Optional.of(STALE_VERSION) : Optional.empty();
    }
}
