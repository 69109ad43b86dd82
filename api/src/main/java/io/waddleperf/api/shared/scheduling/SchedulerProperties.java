package io.waddleperf.api.shared.scheduling;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The cluster scheduler (db-scheduler) that runs {@link ClusterJob}s.
 *
 * @param pollingInterval how often each replica looks for due jobs; short enough for the 5 s
 *     offline sweep to keep the 15 s offline rule, hence at most 5 s
 * @param threads jobs one replica runs at once
 * @param heartbeatInterval how often a replica marks the jobs it runs as alive
 * @param missedHeartbeats after this many missed heartbeats another replica takes the run over
 *     (its replica died): {@code heartbeatInterval × missedHeartbeats}; db-scheduler refuses fewer
 *     than 4
 * @param shutdownWait how long a stopping replica lets running jobs finish; db-scheduler then
 *     interrupts them and waits as long again
 */
@Validated
@ConfigurationProperties("waddleperf.scheduler")
record SchedulerProperties(
        @DefaultValue("1s") @DurationMin(millis = 10) @DurationMax(seconds = 5)
        Duration pollingInterval,

        @DefaultValue("2") @Min(1) @Max(32) int threads,
        @DefaultValue("5s") @DurationMin(millis = 100) Duration heartbeatInterval,
        @DefaultValue("4") @Min(4) @Max(100) int missedHeartbeats,
        @DefaultValue("10s") @DurationMin(seconds = 0) Duration shutdownWait) {}
