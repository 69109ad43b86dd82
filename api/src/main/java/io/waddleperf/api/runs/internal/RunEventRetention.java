package io.waddleperf.api.runs.internal;

import io.waddleperf.api.shared.scheduling.ClusterJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes run events (the stored SSE stream: states, per-second samples) older than
 * {@code waddleperf.runs.event-retention}. They serve live progress and late subscribers; once a
 * run has ended its result holds the summary and the samples, with the tier's own retention. A
 * cluster job: one replica deletes, in batches that are each one short transaction (Galera
 * replicates every batch as one write set).
 */
@Component
class RunEventRetention implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(RunEventRetention.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final RunsProperties properties;
    private final Clock clock;

    RunEventRetention(
            NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, RunsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "runs-event-retention";
    }

    @Override
    public Duration interval() {
        return properties.eventRetentionInterval();
    }

    @Override
    public void run() {
        long deleted = purge(clock.instant());
        if (deleted > 0) {
            log.info("Run-event retention deleted {} event(s)", deleted);
        }
    }

    /** Deletes the events stored before {@code now} minus the retention; answers how many. */
    long purge(Instant now) {
        LocalDateTime cutoff = LocalDateTime.ofInstant(now.minus(properties.eventRetention()), ZoneOffset.UTC);
        int batch = properties.eventDeleteBatchSize();
        long deleted = 0;
        while (true) {
            Integer count = transactions.execute(status -> jdbc.update(
                    "DELETE FROM run_events WHERE created_at < :cutoff ORDER BY created_at LIMIT " + batch,
                    new MapSqlParameterSource("cutoff", cutoff)));
            deleted += count;
            if (count < batch) {
                return deleted;
            }
        }
    }
}
