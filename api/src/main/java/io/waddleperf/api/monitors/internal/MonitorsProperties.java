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
 * @param pollInterval how often this replica reads the slots falling due within the next interval;
 *     each is queued and fired at its due time, so a monitor created or resumed with a slot sooner
 *     than that can be late by up to one interval
 * @param batchSize due slots read per poll (and per test look)
 * @param replicaName recorded with each round; blank uses the host name and process id
 * @param fireConcurrency rounds this replica claims and stores at once (each holds a database
 *     connection while it does; keep it well below the connection pool's size)
 * @param boardPollInterval how often a live-board subscriber's stream reads changed rows
 * @param boardOverlap how far each read of the board goes back before the newest update sent,
 *     covering transactions that commit after a later one (longer than any result transaction)
 * @param boardStreamTimeout longest a live-board stream stays open; the client then resumes
 * @param fineRetention how long 5-minute trend buckets are kept
 * @param coarseRetention how long 1-hour trend buckets are kept
 */
@Validated
@ConfigurationProperties("waddleperf.monitors")
public record MonitorsProperties(
        @DefaultValue("true") boolean scheduler,
        @DefaultValue("200ms") @NotNull Duration pollInterval,
        @DefaultValue("200") @Min(1) @Max(5000) int batchSize,
        @DefaultValue("") String replicaName,
        @DefaultValue("4") @Min(1) @Max(64) int fireConcurrency,
        @DefaultValue("1s") @NotNull Duration boardPollInterval,
        @DefaultValue("5s") @NotNull Duration boardOverlap,
        @DefaultValue("30m") @NotNull Duration boardStreamTimeout,
        @DefaultValue("3d") @NotNull Duration fineRetention,
        @DefaultValue("400d") @NotNull Duration coarseRetention) {}
