package io.waddleperf.api.monitors.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * AutoPerf's scheduler ({@code waddleperf.monitors}).
 *
 * @param scheduler false stops this replica from running rounds (the others still do)
 * @param pollInterval how often this replica looks for due slots when none is coming sooner; the
 *     bound on lateness when the replica is idle
 * @param batchSize due slots taken per look
 * @param replicaName recorded with each round; blank uses the host name and process id
 */
@Validated
@ConfigurationProperties("waddleperf.monitors")
public record MonitorsProperties(
        @DefaultValue("true") boolean scheduler,
        @DefaultValue("200ms") @NotNull Duration pollInterval,
        @DefaultValue("200") @Min(1) @Max(5000) int batchSize,
        @DefaultValue("") String replicaName) {}
