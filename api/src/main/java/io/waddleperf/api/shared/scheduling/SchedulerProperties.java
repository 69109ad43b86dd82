package io.waddleperf.api.shared.scheduling;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The cluster scheduler (db-scheduler) that runs {@link ClusterJob}s.
 *
 * @param pollingInterval how often each replica looks for due jobs; short enough for the 5 s
 *     offline sweep to keep the 15 s offline rule
 * @param threads jobs one replica runs at once
 * @param heartbeatInterval how often a replica marks the jobs it runs as alive
 * @param missedHeartbeats after this many missed heartbeats another replica takes the run over
 *     (its replica died): {@code heartbeatInterval × missedHeartbeats}
 * @param shutdownWait how long a stopping replica lets running jobs finish
 */
@Validated
@ConfigurationProperties("waddleperf.scheduler")
public record SchedulerProperties(
        @DefaultValue("1s") Duration pollingInterval,
        @DefaultValue("2") @Min(1) @Max(32) int threads,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("4") @Min(2) @Max(100) int missedHeartbeats,
        @DefaultValue("10s") Duration shutdownWait) {}
