package io.waddleperf.api.shared.database;

import io.micrometer.core.instrument.MeterRegistry;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link RetryOnConflict}: runs the method through Spring's {@link RetryTemplate} (bounded
 * attempts, jittered exponential back-off) with {@link Conflict} deciding what is worth another
 * attempt, and counts every retry.
 */
@Aspect
@Order(ConflictRetryAspect.ORDER)
class ConflictRetryAspect {

    /**
     * Just outside Spring's transaction interceptor, which Boot registers with the lowest
     * precedence: the retry must enclose the transaction, so each attempt begins a new one after
     * the failed one has rolled back.
     */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1;

    static final String RETRIES = "waddleperf.db.conflict.retries";
    static final String EXHAUSTED = "waddleperf.db.conflict.exhausted";

    private static final Logger log = LoggerFactory.getLogger(ConflictRetryAspect.class);

    private final RetryTemplate retries;

    ConflictRetryAspect(ConflictRetryProperties properties, MeterRegistry meters) {
        this.retries = new RetryTemplate(properties.policy());
        this.retries.setRetryListener(new Metrics(meters));
    }

    @Around("@annotation(io.waddleperf.api.shared.database.RetryOnConflict)"
            + " || @within(io.waddleperf.api.shared.database.RetryOnConflict)")
    Object retryConflicts(ProceedingJoinPoint call) throws Throwable {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Not the transaction boundary: the conflict has rolled back the caller's transaction
            // too, so repeating only this part would run it outside any transaction.
            return call.proceed();
        }
        String name = call.getSignature().getDeclaringType().getSimpleName() + "."
                + call.getSignature().getName();
        try {
            return retries.execute(new Retryable<>() {
                @Override
                public Object execute() throws Throwable {
                    // Spring AOP's join point clones the invocation, so it can proceed again.
                    return call.proceed();
                }

                @Override
                public String getName() {
                    return name;
                }
            });
        } catch (RetryException e) {
            // Callers and the error handler see the database's failure, not the retry wrapper.
            throw e.getCause();
        }
    }

    private record Metrics(MeterRegistry meters) implements RetryListener {

        @Override
        public void beforeRetry(RetryPolicy policy, Retryable<?> operation, RetryState state) {
            Throwable failure = state.getLastException();
            String conflict = Conflict.of(failure).map(c -> c.tag).orElse("other");
            meters.counter(RETRIES, "operation", operation.getName(), "conflict", conflict)
                    .increment();
            log.debug(
                    "Retry {} of {} after a {} conflict: {}",
                    state.getRetryCount(),
                    operation.getName(),
                    conflict,
                    failure.toString());
        }

        @Override
        public void onRetryPolicyExhaustion(RetryPolicy policy, Retryable<?> operation, RetryException exception) {
            // Also called for failures that were never retryable; only give-ups on conflicts count.
            Conflict.of(exception.getCause()).ifPresent(conflict -> {
                meters.counter(EXHAUSTED, "operation", operation.getName(), "conflict", conflict.tag)
                        .increment();
                log.warn(
                        "{} still conflicted after {} attempts; giving up: {}",
                        operation.getName(),
                        exception.getRetryCount() + 1,
                        exception.getCause().toString());
            });
        }
    }
}
