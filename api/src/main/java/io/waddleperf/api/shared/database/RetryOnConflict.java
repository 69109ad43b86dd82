package io.waddleperf.api.shared.database;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method again, whole, when its transaction lost a write conflict: an InnoDB
 * deadlock or a Galera certification failure (error 1213, SQLState 40001) or a stale
 * {@code @Version}. Put it next to {@code @Transactional} on the service method that owns the
 * transaction; the retry wraps the transaction, so every attempt starts a fresh one and reads
 * fresh rows.
 *
 * <p>Bounded attempts with jittered exponential back-off ({@code waddleperf.database.conflict-retry.*}),
 * counted in {@code waddleperf.db.conflict.retries}. Called inside a transaction that is already
 * running, it does not retry: the database has rolled that whole transaction back, so only its
 * outermost boundary can run it again. As with {@code @Transactional}, calls from the same object
 * bypass the proxy and are not retried. The method must be safe to run again: no side effects
 * outside the transaction (send messages after commit, through events).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RetryOnConflict {}
