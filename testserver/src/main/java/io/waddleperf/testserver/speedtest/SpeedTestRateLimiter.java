package io.waddleperf.testserver.speedtest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Speed-test requests per client address: a token bucket per IP holding a minute's worth and
 * refilling evenly. The endpoints need no credential (a browser calls them cross-origin), so
 * without it anyone could keep a node's uplink busy. The address is the TCP peer's: nodes face
 * browsers directly, and a forwarded header from a client would let it pick its own bucket. Idle
 * buckets expire so a scan from many addresses cannot grow memory without bound. CORS headers are
 * already on the response when this refuses, so the page can read the 429.
 */
class SpeedTestRateLimiter implements HandlerInterceptor {

    private final int perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(2))
            .build();

    SpeedTestRateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // CORS pre-flights are not handler methods: they cost nothing and must keep working.
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        ConsumptionProbe probe =
                buckets.get(request.getRemoteAddr(), ip -> bucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return true;
        }
        long seconds =
                Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.TOO_MANY_REQUESTS,
                "More than " + perMinute + " speed-test requests a minute from your address; try again in " + seconds
                        + " s");
        problem.setType(URI.create("https://waddleperf.io/problems/rate-limited"));
        problem.setTitle("Too many requests");
        problem.setProperty("retryAfterSeconds", seconds);
        ErrorResponseException refused = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
        refused.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        throw refused;
    }

    private Bucket bucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .build();
    }
}
