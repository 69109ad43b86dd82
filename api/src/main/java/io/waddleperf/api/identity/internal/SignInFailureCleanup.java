package io.waddleperf.api.identity.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import io.waddleperf.api.shared.scheduling.ClusterJob;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes the failed sign-in counts the limit no longer reads (older than the previous minute), on
 * one replica at a time, in small batches so that no transaction grows large on Galera even after
 * a scan from many addresses.
 */
@Component
class SignInFailureCleanup implements ClusterJob {

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SignInFailureCleanup(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "identity-sign-in-failures-cleanup";
    }

    @Override
    public Duration interval() {
        return LoginRateLimiter.WINDOW;
    }

    @Override
    public void run() {
        // The limit reads this minute and the previous one; anything older is never read again.
        var before = utc(clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(LoginRateLimiter.WINDOW));
        while (jdbc.update("DELETE FROM identity_sign_in_failures WHERE window_start < ? LIMIT " + BATCH, before)
                == BATCH) {
            // Another batch: stop only when one comes back short.
        }
    }
}
