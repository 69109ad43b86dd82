package io.waddleperf.api.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per client IP: a token bucket per address, refilled over a minute. Idle buckets
 * expire so a scan from many addresses cannot grow memory without bound. The limit is per API
 * replica; with N replicas behind a balancer an attacker gets at most N times the rate, which the
 * per-account lockout (stored in the database) still caps.
 */
@Component
class LoginRateLimiter {

    private final int perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(2))
            .build();

    LoginRateLimiter(IdentityProperties properties) {
        this.perMinute = properties.failedLoginsPerIpPerMinute();
    }

    /** Seconds until this IP may try again, or 0 when it may try now. */
    long retryAfterSeconds(String ip) {
        Bucket bucket = buckets.getIfPresent(ip);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return 0;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1);
    }

    void failed(String ip) {
        buckets.get(
                        ip,
                        key -> Bucket.builder()
                                .addLimit(Bandwidth.builder()
                                        .capacity(perMinute)
                                        .refillGreedy(perMinute, Duration.ofMinutes(1))
                                        .build())
                                .build())
                .tryConsume(1);
    }
}
