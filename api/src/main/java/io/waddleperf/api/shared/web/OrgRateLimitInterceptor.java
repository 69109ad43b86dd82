package io.waddleperf.api.shared.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.waddleperf.api.shared.errors.TooManyAttempts;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.OrgPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.UUID;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Draws one token from the organisation's bucket for a {@link RateLimited} endpoint. It runs after
 * the organisation and role check, so only the organisation's own members spend its budget: a
 * stranger gets 404 before touching it. Buckets of idle organisations expire.
 */
@Component
class OrgRateLimitInterceptor implements HandlerInterceptor {

    private final RateLimitProperties properties;
    private final Cache<Key, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(5))
            .build();

    OrgRateLimitInterceptor(RateLimitProperties properties) {
        this.properties = properties;
    }

    private record Key(UUID orgId, RateLimited.Budget budget) {}

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RateLimited limited = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RateLimited.class);
        if (limited == null || !(request.getAttribute(CurrentPrincipal.ATTRIBUTE) instanceof OrgPrincipal principal)) {
            return true;
        }
        RateLimited.Budget budget = limited.value();
        int perMinute = properties.perMinute(budget);
        ConsumptionProbe probe = buckets.get(new Key(principal.orgId(), budget), key -> bucket(perMinute))
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return true;
        }
        long seconds =
                Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        throw new TooManyAttempts(
                "rate-limited",
                "This organisation has used its budget of " + perMinute + " " + budget.description()
                        + " per minute; try again in " + seconds + " s. The budget is per API replica, so"
                        + " with N replicas an organisation gets at most N × " + perMinute + " per minute.",
                seconds);
    }

    private static Bucket bucket(int perMinute) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .build();
    }
}
