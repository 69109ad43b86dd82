package io.waddleperf.api.shared.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SchedulerPropertiesTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void defaultsPollEverySecondAndTakeOverAfterFourMissedHeartbeats() {
        context.run(c -> assertThat(c.getBean(SchedulerProperties.class))
                .isEqualTo(new SchedulerProperties(
                        Duration.ofSeconds(1), 2, Duration.ofSeconds(5), 4, Duration.ofSeconds(10))));
    }

    @Test
    void refusesFewerThanFourMissedHeartbeatsWhichDbSchedulerWouldOnlyRejectAtStart() {
        context.withPropertyValues("waddleperf.scheduler.missed-heartbeats=3")
                .run(c -> assertThat(c).getFailure().hasStackTraceContaining("on field 'missedHeartbeats'"));
    }

    @Test
    void refusesPollingTooSlowForTheFifteenSecondOfflineRule() {
        context.withPropertyValues("waddleperf.scheduler.polling-interval=10s")
                .run(c -> assertThat(c).getFailure().hasStackTraceContaining("on field 'pollingInterval'"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SchedulerProperties.class)
    static class Bound {}
}
