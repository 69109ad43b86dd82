package io.waddleperf.api.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an organisation endpoint whose calls draw on one of the organisation's per-minute budgets
 * ({@link RateLimitProperties}); past it the caller gets 429 with {@code Retry-After}. Only HTTP
 * endpoints carry it: runs that AutoPerf's scheduler starts, or results nodes report, never pass
 * through a controller and are not limited by it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RateLimited {

    Budget value();

    enum Budget {
        RUN_STARTS("runs started"),
        RESULTS("results stored"),
        EXPORTS("exports");

        private final String description;

        Budget(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
