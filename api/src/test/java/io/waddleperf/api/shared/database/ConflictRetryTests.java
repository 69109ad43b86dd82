package io.waddleperf.api.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.backoff.BackOffExecution;

/**
 * {@link RetryOnConflict} in a Spring context assembled as Boot does it (its AOP and transaction
 * auto-configurations), with a transaction manager that records what happens instead of a
 * database.
 */
class ConflictRetryTests {

    static final DataAccessException DEADLOCK =
            new SQLErrorCodeSQLExceptionTranslator("MariaDB").translate("UPDATE", null, ConflictTests.DEADLOCK);
    static final DataAccessException LOCK_WAIT_TIMEOUT = new SQLErrorCodeSQLExceptionTranslator("MariaDB")
            .translate("UPDATE", null, ConflictTests.LOCK_WAIT_TIMEOUT);

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TransactionAutoConfiguration.class))
            .withUserConfiguration(ConflictRetryConfiguration.class, Infrastructure.class)
            // Millisecond back-off keeps the tests quick; the policy's shape is tested on its own.
            .withPropertyValues(
                    "waddleperf.database.conflict-retry.delay=1ms",
                    "waddleperf.database.conflict-retry.jitter=1ms",
                    "waddleperf.database.conflict-retry.max-delay=2ms");

    @Test
    void retriesAConflictInAFreshTransactionEachTime() {
        context.run(app -> {
            Script script = app.getBean(Script.class);
            script.fail(DEADLOCK, new OptimisticLockingFailureException("changed"));

            assertThat(app.getBean(Boundary.class).run(script)).isEqualTo("done");

            RecordingTransactionManager transactions = app.getBean(RecordingTransactionManager.class);
            assertThat(script.attempts).isEqualTo(3);
            assertThat(script.insideTransaction).containsExactly(true, true, true);
            assertThat(transactions.events)
                    .containsExactly("begin", "rollback", "begin", "rollback", "begin", "commit");
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.get(ConflictRetryAspect.RETRIES)
                            .tags("operation", "Boundary.run", "conflict", "lock")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get(ConflictRetryAspect.RETRIES)
                            .tags("conflict", "version")
                            .counter()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheDatabasesOwnException() {
        context.withPropertyValues("waddleperf.database.conflict-retry.max-attempts=4")
                .run(app -> {
                    Script script = app.getBean(Script.class);
                    script.fail(DEADLOCK, DEADLOCK, DEADLOCK, DEADLOCK, DEADLOCK);

                    assertThatExceptionOfType(DataAccessException.class)
                            .isThrownBy(() -> app.getBean(Boundary.class).run(script))
                            .isSameAs(DEADLOCK);

                    assertThat(script.attempts).isEqualTo(4);
                    MeterRegistry meters = app.getBean(MeterRegistry.class);
                    assertThat(meters.get(ConflictRetryAspect.RETRIES).counter().count())
                            .isEqualTo(3);
                    assertThat(meters.get(ConflictRetryAspect.EXHAUSTED)
                                    .counter()
                                    .count())
                            .isEqualTo(1);
                });
    }

    @Test
    void doesNotRetryLockWaitTimeoutsOrOtherFailures() {
        context.run(app -> {
            Boundary boundary = app.getBean(Boundary.class);
            Script script = app.getBean(Script.class);
            script.fail(LOCK_WAIT_TIMEOUT);
            assertThatExceptionOfType(DataAccessException.class)
                    .isThrownBy(() -> boundary.run(script))
                    .isSameAs(LOCK_WAIT_TIMEOUT);
            assertThat(script.attempts).isEqualTo(1);

            IllegalArgumentException invalid = new IllegalArgumentException("invalid");
            script.fail(invalid);
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> boundary.run(script))
                    .isSameAs(invalid);
            assertThat(script.attempts).isEqualTo(2);

            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.find(ConflictRetryAspect.RETRIES).counters()).isEmpty();
            assertThat(meters.find(ConflictRetryAspect.EXHAUSTED).counters()).isEmpty();
        });
    }

    @Test
    void leavesTheRetryToTheOutermostTransaction() {
        context.run(app -> {
            Script script = app.getBean(Script.class);
            script.fail(DEADLOCK, DEADLOCK);

            // The outer boundary retries; the inner one, already inside its transaction, does not.
            assertThat(app.getBean(Outer.class).run(script)).isEqualTo("done");

            assertThat(script.attempts).isEqualTo(3);
            assertThat(app.getBean(RecordingTransactionManager.class).events)
                    .containsExactly("begin", "rollback", "begin", "rollback", "begin", "commit");
            assertThat(app.getBean(MeterRegistry.class)
                            .get(ConflictRetryAspect.RETRIES)
                            .tags("operation", "Outer.run")
                            .counter()
                            .count())
                    .isEqualTo(2);
        });
    }

    @Test
    void appliesToEveryMethodOfAnAnnotatedClass() {
        context.run(app -> {
            Script script = app.getBean(Script.class);
            script.fail(DEADLOCK);

            assertThat(app.getBean(AnnotatedClass.class).run(script)).isEqualTo("done");

            assertThat(script.attempts).isEqualTo(2);
        });
    }

    @Test
    void backOffGrowsWithJitterAndStaysBounded() {
        ConflictRetryProperties properties =
                new ConflictRetryProperties(5, Duration.ofMillis(20), Duration.ofMillis(20), 2, Duration.ofMillis(100));
        Set<Long> firstDelays = new HashSet<>();
        for (int run = 0; run < 50; run++) {
            BackOffExecution backOff = properties.policy().getBackOff().start();
            List<Long> delays = new ArrayList<>();
            for (long next = backOff.nextBackOff(); next != BackOffExecution.STOP; next = backOff.nextBackOff()) {
                delays.add(next);
            }
            assertThat(delays).hasSize(4).allSatisfy(delay -> assertThat(delay).isBetween(20L, 100L));
            firstDelays.add(delays.getFirst());
        }
        assertThat(firstDelays).as("jittered first delays").hasSizeGreaterThan(1);
    }

    @Test
    void bindsItsDefaultsWithoutAnyConfiguration() {
        new ApplicationContextRunner()
                .withUserConfiguration(ConflictRetryConfiguration.class, Infrastructure.class)
                .run(app -> {
                    ConflictRetryProperties defaults = app.getBean(ConflictRetryProperties.class);
                    assertThat(defaults.maxAttempts()).isEqualTo(5);
                    assertThat(defaults.maxDelay()).isEqualTo(Duration.ofMillis(500));
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Infrastructure {

        @Bean
        RecordingTransactionManager transactionManager() {
            return new RecordingTransactionManager();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Script script() {
            return new Script();
        }

        @Bean
        Boundary boundary() {
            return new Boundary();
        }

        @Bean
        Inner inner() {
            return new Inner();
        }

        @Bean
        Outer outer(Inner inner) {
            return new Outer(inner);
        }

        @Bean
        AnnotatedClass annotatedClass() {
            return new AnnotatedClass();
        }
    }

    /** Throws the queued failures one per call, then succeeds. */
    static class Script implements Supplier<String> {

        final Deque<RuntimeException> failures = new ArrayDeque<>();
        final List<Boolean> insideTransaction = new ArrayList<>();
        int attempts;

        void fail(RuntimeException... queued) {
            failures.addAll(List.of(queued));
        }

        @Override
        public String get() {
            attempts++;
            insideTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
            RuntimeException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return "done";
        }
    }

    static class Boundary {

        @RetryOnConflict
        @Transactional
        public String run(Supplier<String> work) {
            return work.get();
        }
    }

    static class Inner {

        @RetryOnConflict
        @Transactional
        public String run(Supplier<String> work) {
            return work.get();
        }
    }

    static class Outer {

        private final Inner inner;

        Outer(Inner inner) {
            this.inner = inner;
        }

        @RetryOnConflict
        @Transactional
        public String run(Supplier<String> work) {
            return inner.run(work);
        }
    }

    @RetryOnConflict
    static class AnnotatedClass {

        @Transactional
        public String run(Supplier<String> work) {
            return work.get();
        }
    }

    /** Joins an active transaction as a real manager would and records begin, commit and rollback. */
    static class RecordingTransactionManager extends AbstractPlatformTransactionManager {

        final List<String> events = new ArrayList<>();
        private boolean active;

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected boolean isExistingTransaction(Object transaction) {
            return active;
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            active = true;
            events.add("begin");
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            events.add("commit");
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            events.add("rollback");
        }

        @Override
        protected void doSetRollbackOnly(DefaultTransactionStatus status) {
            // The outermost boundary rolls back; nothing to remember here.
        }

        @Override
        protected void doCleanupAfterCompletion(Object transaction) {
            active = false;
        }
    }
}
