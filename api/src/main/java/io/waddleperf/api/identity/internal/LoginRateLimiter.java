package io.waddleperf.api.identity.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import io.waddleperf.api.shared.database.JdbcTimes;
import io.waddleperf.api.shared.database.RetryOnConflict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per client IP, counted in the database in one-minute windows so that every API
 * replica sees the same count: N replicas behind a balancer no longer give an attacker N times the
 * rate. An address is refused while its failures in the current and the previous minute together
 * reach the limit, so it makes at most that many failed attempts in any minute, across the
 * installation (and waits at most two minutes after a burst). Each failure is one short upsert;
 * on Galera two replicas counting the same address in the same instant conflict and the loser is
 * retried. Old rows are deleted by {@link SignInFailureCleanup}.
 */
@Component
class LoginRateLimiter {

    static final Duration WINDOW = Duration.ofMinutes(1);

    /** Counted apart: misses of the SSO discovery do not use up an address's sign-ins. */
    enum Kind {
        SIGN_IN("sign-in"),
        SSO_DISCOVERY("sso-discovery");

        final String column;

        Kind(String column) {
            this.column = column;
        }
    }

    private final int perMinute;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    LoginRateLimiter(IdentityProperties properties, JdbcTemplate jdbc, Clock clock) {
        this.perMinute = properties.failedLoginsPerIpPerMinute();
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Seconds until this IP may try again, or 0 when it may try now. */
    long retryAfterSeconds(Kind kind, String ip) {
        Instant now = clock.instant();
        Instant current = window(now);
        Instant previous = current.minus(WINDOW);
        long inCurrent = 0;
        long inPrevious = 0;
        for (Counted row : jdbc.query(
                "SELECT window_start, failures FROM identity_sign_in_failures"
                        + " WHERE kind = ? AND ip = ? AND window_start >= ?",
                (rs, n) -> new Counted(JdbcTimes.instant(rs, 1), rs.getLong(2)),
                kind.column,
                ip,
                utc(previous))) {
            if (current.equals(row.window())) {
                inCurrent += row.failures();
            } else {
                inPrevious += row.failures();
            }
        }
        if (inCurrent + inPrevious < perMinute) {
            return 0;
        }
        // The previous minute's failures stop counting when this minute ends; the current
        // minute's alone keep the address out until the next one ends.
        Instant free = inCurrent >= perMinute ? current.plus(WINDOW.multipliedBy(2)) : current.plus(WINDOW);
        return Math.max(1, Duration.between(now, free).toSeconds() + 1);
    }

    private record Counted(Instant window, long failures) {}

    @RetryOnConflict
    void failed(Kind kind, String ip) {
        jdbc.update(
                "INSERT INTO identity_sign_in_failures (kind, ip, window_start, failures) VALUES (?, ?, ?, 1)"
                        + " ON DUPLICATE KEY UPDATE failures = failures + 1",
                kind.column,
                ip,
                utc(window(clock.instant())));
    }

    private static Instant window(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }
}
