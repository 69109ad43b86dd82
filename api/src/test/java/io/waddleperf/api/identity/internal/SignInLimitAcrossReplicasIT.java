package io.waddleperf.api.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The per-address sign-in limit is the installation's, not a replica's: two limiters on the same
 * database stand for two API replicas behind a balancer. Clocks are fixed so no minute boundary
 * falls inside a test.
 */
@ApiIntegrationTest
class SignInLimitAcrossReplicasIT {

    @Autowired
    IdentityProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:15:20Z"), ZoneOffset.UTC);
    private final String ip = "198.51.100." + (Math.abs(UUID.randomUUID().hashCode()) % 250);

    @Test
    void failuresSpreadOverTwoReplicasAddUpToOneLimit() {
        LoginRateLimiter first = new LoginRateLimiter(properties, jdbc, clock);
        LoginRateLimiter second = new LoginRateLimiter(properties, jdbc, clock);
        int limit = properties.failedLoginsPerIpPerMinute();

        for (int i = 0; i < limit - 1; i++) {
            (i % 2 == 0 ? first : second).failed(LoginRateLimiter.Kind.SIGN_IN, ip);
        }
        assertThat(first.retryAfterSeconds(LoginRateLimiter.Kind.SIGN_IN, ip)).isZero();
        assertThat(second.retryAfterSeconds(LoginRateLimiter.Kind.SIGN_IN, ip)).isZero();
        second.failed(LoginRateLimiter.Kind.SIGN_IN, ip);

        assertThat(first.retryAfterSeconds(LoginRateLimiter.Kind.SIGN_IN, ip))
                .as("Retry-After until the next minute ends")
                .isEqualTo(101);
        assertThat(second.retryAfterSeconds(LoginRateLimiter.Kind.SIGN_IN, ip)).isEqualTo(101);
        assertThat(first.retryAfterSeconds(LoginRateLimiter.Kind.SSO_DISCOVERY, ip))
                .as("the SSO discovery's misses are counted apart")
                .isZero();
        assertThat(new LoginRateLimiter(properties, jdbc, Clock.offset(clock, Duration.ofMinutes(2)))
                        .retryAfterSeconds(LoginRateLimiter.Kind.SIGN_IN, ip))
                .as("two minutes later the address may try again")
                .isZero();
    }

    @Test
    void theCleanupDeletesCountsTheLimitNoLongerReads() {
        new LoginRateLimiter(properties, jdbc, clock).failed(LoginRateLimiter.Kind.SIGN_IN, ip);

        new SignInFailureCleanup(jdbc, Clock.offset(clock, Duration.ofMinutes(1))).run();
        assertThat(rows()).as("the previous minute still counts").isEqualTo(1);
        new SignInFailureCleanup(jdbc, Clock.offset(clock, Duration.ofMinutes(2))).run();
        assertThat(rows()).isZero();
    }

    private long rows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM identity_sign_in_failures WHERE ip = ?", Long.class, ip);
    }
}
