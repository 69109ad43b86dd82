package io.waddleperf.api.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.RollbackException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.LockAcquisitionException;
import org.hibernate.exception.LockTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.TransactionSystemException;

/**
 * The failures as they reach a service boundary: raw from MariaDB Connector/J, through Spring's
 * JDBC translator (the MariaDB error codes it ships with) and through Hibernate and Spring's JPA
 * dialect.
 */
class ConflictTests {

    // What MariaDB sends for an InnoDB deadlock and for a Galera certification failure alike.
    static final SQLException DEADLOCK = new SQLTransactionRollbackException(
            "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213);
    static final SQLException LOCK_WAIT_TIMEOUT =
            new SQLException("Lock wait timeout exceeded; try restarting transaction", "HY000", 1205);
    static final SQLException DUPLICATE_KEY =
            new SQLIntegrityConstraintViolationException("Duplicate entry 'a' for key 'PRIMARY'", "23000", 1062);

    private final SQLErrorCodeSQLExceptionTranslator jdbc = new SQLErrorCodeSQLExceptionTranslator("MariaDB");
    private final HibernateJpaDialect jpa = new HibernateJpaDialect();

    @Test
    void deadlockAndCertificationFailureAreLockConflicts() {
        assertThat(Conflict.of(DEADLOCK)).contains(Conflict.LOCK);
        assertThat(Conflict.of(new SQLException("WSREP detected deadlock/conflict", "40001")))
                .contains(Conflict.LOCK);
    }

    @Test
    void recognisesDeadlocksTranslatedBySpringJdbc() {
        DataAccessException translated = jdbc.translate("UPDATE counters", null, DEADLOCK);

        assertThat(translated).isInstanceOf(PessimisticLockingFailureException.class);
        assertThat(Conflict.of(translated)).contains(Conflict.LOCK);
    }

    @Test
    void recognisesDeadlocksThatHibernateReportsAsLockAcquisitionFailures() {
        DataAccessException translated = jpa.translateExceptionIfPossible(
                new LockAcquisitionException("could not execute statement", DEADLOCK, "UPDATE counters"));

        // The class Spring also uses for lock wait timeouts: only the error code tells them apart.
        assertThat(translated).isInstanceOf(CannotAcquireLockException.class);
        assertThat(Conflict.of(translated)).contains(Conflict.LOCK);
    }

    @Test
    void recognisesDeadlocksAtJpaCommitWrappedInATransactionSystemException() {
        TransactionSystemException atCommit = new TransactionSystemException(
                "Could not commit JPA transaction",
                new RollbackException(
                        "Error while committing the transaction",
                        new LockAcquisitionException("could not commit", DEADLOCK)));

        assertThat(Conflict.of(atCommit)).contains(Conflict.LOCK);
    }

    @Test
    void staleVersionsAreVersionConflicts() {
        assertThat(Conflict.of(jpa.translateExceptionIfPossible(new StaleObjectStateException("Counter", 1L))))
                .contains(Conflict.STALE_VERSION);
        assertThat(Conflict.of(new ObjectOptimisticLockingFailureException("Counter", UUID.randomUUID())))
                .contains(Conflict.STALE_VERSION);
        assertThat(Conflict.of(new OptimisticLockingFailureException("changed")))
                .contains(Conflict.STALE_VERSION);
        assertThat(Conflict.of(new OptimisticLockException("changed"))).contains(Conflict.STALE_VERSION);
    }

    @Test
    void lockWaitTimeoutsAreNotRetried() {
        DataAccessException translatedByJdbc = jdbc.translate("UPDATE counters", null, LOCK_WAIT_TIMEOUT);
        DataAccessException translatedByJpa = jpa.translateExceptionIfPossible(
                new LockTimeoutException("could not execute statement", LOCK_WAIT_TIMEOUT, "UPDATE counters"));

        assertThat(translatedByJdbc).isInstanceOf(CannotAcquireLockException.class);
        assertThat(Conflict.of(LOCK_WAIT_TIMEOUT)).isEmpty();
        assertThat(Conflict.of(translatedByJdbc)).isEmpty();
        assertThat(Conflict.of(translatedByJpa)).isEmpty();
    }

    @Test
    void otherFailuresAreNotConflicts() {
        assertThat(Conflict.of(jdbc.translate("INSERT", null, DUPLICATE_KEY))).isEmpty();
        // Commit outcome unknown after a lost connection: running the transaction again could apply it twice.
        assertThat(Conflict.of(new SQLTransientConnectionException("Connection reset", "08000")))
                .isEmpty();
        assertThat(Conflict.of(new IllegalArgumentException("no such organisation")))
                .isEmpty();
    }

    @Test
    void survivesCyclicCauseChains() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(Conflict.of(second)).isEmpty();
    }
}
