package io.waddleperf.api.runs.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import io.waddleperf.api.shared.database.RetryOnConflict;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A node is held by at most one throughput run at a time, across replicas ({@code
 * node_throughput_leases}): two throughput tests on one node would share its link and measure each
 * other. Tier-1 probes never take a lease.
 */
@Component
class ThroughputLeases {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ThroughputLeases(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Takes the node for the run until {@code until} (its deadline); true when the run holds it
     * now, false when another run's lease is still current.
     */
    @RetryOnConflict
    boolean claim(UUID nodeId, UUID orgId, UUID runId, Instant until) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("node", nodeId.toString())
                .addValue("run", runId.toString())
                .addValue("org", orgId.toString())
                .addValue("now", utc(now))
                .addValue("until", utc(until));
        return Boolean.TRUE.equals(transactions.execute(status -> {
            // The assignments run left to right, each seeing the ones before: run_id is taken
            // first, so the later ones see "this run's" and follow; leased_until is tested last.
            String free = "(leased_until < :now OR run_id = :run)";
            jdbc.update(
                    "INSERT INTO node_throughput_leases (node_id, run_id, org_id, leased_at, leased_until) VALUES"
                            + " (:node, :run, :org, :now, :until) ON DUPLICATE KEY UPDATE"
                            + " run_id = IF(" + free + ", :run, run_id), org_id = IF(run_id = :run, :org, org_id),"
                            + " leased_at = IF(run_id = :run, :now, leased_at),"
                            + " leased_until = IF(run_id = :run, :until, leased_until)",
                    params);
            List<String> holder = jdbc.queryForList(
                    "SELECT run_id FROM node_throughput_leases WHERE node_id = :node", params, String.class);
            return !holder.isEmpty() && holder.getFirst().equals(runId.toString());
        }));
    }

    /** Frees the node if the run still holds it. */
    @RetryOnConflict
    void release(UUID nodeId, UUID runId) {
        transactions.execute(status -> jdbc.update(
                "DELETE FROM node_throughput_leases WHERE node_id = :node AND run_id = :run",
                new MapSqlParameterSource().addValue("node", nodeId.toString()).addValue("run", runId.toString())));
    }
}
