package io.waddleperf.api.geo.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.instant;
import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import io.waddleperf.api.shared.errors.NotFound;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The queue of rollup rebuilds ({@code geo_rollup_rebuilds}): what an ADMIN asked for, and how
 * far the cluster job {@link RollupRebuildJob} has got. Every statement names its organisation,
 * except the job's own reads of the queue.
 */
@Service
public class RollupRebuilds {

    /** A rebuild and its progress; {@code nextHour} is the first hour not yet done. */
    public record Rebuild(
            UUID id,
            UUID orgId,
            Kind kind,
            Instant from,
            Instant to,
            Instant nextHour,
            long resultsRead,
            State state,
            Instant requestedAt,
            @Nullable Instant finishedAt) {

        public long hoursTotal() {
            return Duration.between(from, to).toHours();
        }

        public long hoursDone() {
            return Duration.between(from, nextHour).toHours();
        }
    }

    /** RESULTS recomputes every tier from the stored results; TIERS days and weeks from hours. */
    public enum Kind {
        RESULTS,
        TIERS
    }

    public enum State {
        QUEUED,
        RUNNING,
        DONE
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    RollupRebuilds(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Queues a rebuild of every tier over [from, to) (whole hours) from the stored results. */
    public Rebuild request(UUID orgId, Instant from, Instant to) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.update(
                "INSERT INTO geo_rollup_rebuilds (id, org_id, kind, period_from, period_to, next_hour, state,"
                        + " requested_at) VALUES (:id, :org, 'results', :from, :to, :from, 'queued', :now)",
                new MapSqlParameterSource()
                        .addValue("id", id.toString())
                        .addValue("org", orgId.toString())
                        .addValue("from", utc(from))
                        .addValue("to", utc(to))
                        .addValue("now", utc(now)));
        return new Rebuild(id, orgId, Kind.RESULTS, from, to, from, 0, State.QUEUED, now, null);
    }

    /** The organisation's rebuild; another organisation's is not found. */
    public Rebuild get(UUID orgId, UUID id) {
        return jdbc
                .query(
                        SELECT + " WHERE org_id = :org AND id = :id",
                        Map.of("org", orgId.toString(), "id", id.toString()),
                        RollupRebuilds::rebuild)
                .stream()
                .findFirst()
                .orElseThrow(() -> new NotFound("Rebuild"));
    }

    /** The oldest rebuild not done, of any organisation; for the job. */
    Optional<Rebuild> next() {
        List<Rebuild> found = jdbc.query(
                SELECT + " WHERE state IN ('queued', 'running') ORDER BY requested_at, id LIMIT 1",
                Map.of(),
                RollupRebuilds::rebuild);
        return found.stream().findFirst();
    }

    /** Records that the hours before {@code nextHour} are done; done when it reaches the end. */
    void advance(Rebuild rebuild, Instant nextHour, long resultsRead) {
        boolean done = !nextHour.isBefore(rebuild.to());
        jdbc.update(
                "UPDATE geo_rollup_rebuilds SET next_hour = :next, results_read = results_read + :read,"
                        + " state = :state, finished_at = :finished WHERE id = :id AND org_id = :org",
                new MapSqlParameterSource()
                        .addValue("id", rebuild.id().toString())
                        .addValue("org", rebuild.orgId().toString())
                        .addValue("next", utc(done ? rebuild.to() : nextHour))
                        .addValue("read", resultsRead)
                        .addValue("state", done ? "done" : "running")
                        .addValue("finished", done ? utc(clock.instant()) : null));
    }

    private static final String SELECT = "SELECT id, org_id, kind, period_from, period_to, next_hour, results_read,"
            + " state, requested_at, finished_at FROM geo_rollup_rebuilds";

    private static Rebuild rebuild(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp(10);
        return new Rebuild(
                UUID.fromString(rs.getString(1)),
                UUID.fromString(rs.getString(2)),
                Kind.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                instant(rs.getObject(4, LocalDateTime.class)),
                instant(rs.getObject(5, LocalDateTime.class)),
                instant(rs.getObject(6, LocalDateTime.class)),
                rs.getLong(7),
                State.valueOf(rs.getString(8).toUpperCase(java.util.Locale.ROOT)),
                instant(rs.getObject(9, LocalDateTime.class)),
                finished == null ? null : instant(rs.getObject(10, LocalDateTime.class)));
    }

    private static Instant instant(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC);
    }
}
