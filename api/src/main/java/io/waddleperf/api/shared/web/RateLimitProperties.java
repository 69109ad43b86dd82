package io.waddleperf.api.shared.web;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per-organisation budgets of the API's costly endpoints, each a token bucket that holds a
 * minute's worth and refills evenly over the minute. They are kept in each API replica's memory:
 * with N replicas behind a balancer an organisation may reach N times each figure, which the 429's
 * detail says. The defaults sit far above interactive use and the API's own tests; they stop a
 * runaway script, not a busy team.
 *
 * @param runStartsPerMinute {@code POST .../runs} per organisation and minute
 * @param resultsPerMinute {@code POST .../results} and {@code POST .../speedtests} per organisation
 *     and minute
 * @param exportsPerMinute result and iperf3-session exports per organisation and minute
 */
@Validated
@ConfigurationProperties("waddleperf.rate-limits")
public record RateLimitProperties(
        @DefaultValue("600") @Min(1) int runStartsPerMinute,
        @DefaultValue("6000") @Min(1) int resultsPerMinute,
        @DefaultValue("60") @Min(1) int exportsPerMinute) {

    int perMinute(RateLimited.Budget budget) {
        return switch (budget) {
            case RUN_STARTS -> runStartsPerMinute;
            case RESULTS -> resultsPerMinute;
            case EXPORTS -> exportsPerMinute;
        };
    }
}
