package io.waddleperf.api.geo.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Revisions of an organisation's rollups per UTC day ({@code geo_rollup_revisions}, V87), which
 * tell a replica whether the merged rollups it cached for a settled period ({@link HeatmapCache})
 * still hold.
 *
 * <p>An hour is <em>settled</em> {@link #SETTLED_AFTER} after it ended: only then may a replica
 * cache its rows. A result stored {@link #LATE_AFTER} or more after its hour ended is
 * <em>late</em> and raises its day's revision in its own transaction; so do rebuilds. A result
 * that is not late (stored before its hour's end plus {@code LATE_AFTER} by its replica's clock)
 * commits before any replica treats the hour as settled, as long as the result's transaction
 * takes less than {@code SETTLED_AFTER - LATE_AFTER} (10 minutes) minus twice the clock skew
 * between replicas; InnoDB's lock wait timeout (50 s) and the ingest's retries keep it far below.
 * Results in time (the rule, not the exception) never write the revision row, so it is no hot row
 * per organisation.
 */
@Component
class RollupRevisions {

    /** How long after its hour's end a result counts as late and raises its day's revision. */
    static final Duration LATE_AFTER = Duration.ofMinutes(5);

    /** How long after its end an hour's rows may be cached (its results in time are in by then). */
    static final Duration SETTLED_AFTER = Duration.ofMinutes(15);

    private final NamedParameterJdbcTemplate jdbc;

    RollupRevisions(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether a result of {@code hour} stored at {@code now} is late. */
    static boolean late(LocalDateTime hour, Instant now) {
        Instant end = hour.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant(ZoneOffset.UTC);
        return !now.isBefore(end.plus(LATE_AFTER));
    }

    /** The end of the settled hours at {@code now}: every hour before it may be cached. */
    static LocalDateTime settledBefore(Instant now) {
        return LocalDateTime.ofInstant(now.minus(SETTLED_AFTER), ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * Raises the revision of the organisation's {@code day}, in the caller's transaction (the one
     * that changes the day's rows), after its rollup rows: ingest and rebuilds lock tiers first and
     * this row last, so they cannot deadlock over it. An upsert: the first raise of a day inserts
     * its row; two first raises meet at the primary key (on Galera, at certification, and the loser's
     * transaction is retried by its owner).
     */
    void raise(UUID orgId, LocalDate day) {
        jdbc.update(
                "INSERT INTO geo_rollup_revisions (org_id, day, revision) VALUES (:org, :day, 1)"
                        + " ON DUPLICATE KEY UPDATE revision = revision + 1",
                new MapSqlParameterSource().addValue("org", orgId.toString()).addValue("day", day));
    }

    /**
     * The revisions of the organisation's days that [from, to) touches (days never raised are 0),
     * read in the caller's transaction. Read <em>before</em> the rows they vouch for: a late result
     * committing between the two reads is then in the rows but not in the revision, and the next
     * query finds the revision changed and reads again; the other order could cache rows without
     * it under a revision that includes it.
     */
    Revisions read(UUID orgId, LocalDateTime from, LocalDateTime to) {
        Map<LocalDate, Long> byDay = new HashMap<>();
        jdbc.query(
                "SELECT day, revision FROM geo_rollup_revisions WHERE org_id = :org AND day >= :from AND day < :to",
                new MapSqlParameterSource()
                        .addValue("org", orgId.toString())
                        .addValue("from", firstDay(from))
                        .addValue("to", endDay(to)),
                rs -> {
                    byDay.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                });
        return new Revisions(byDay);
    }

    /** The revisions of some days; {@link #of} is a fingerprint of a period's rows. */
    record Revisions(Map<LocalDate, Long> byDay) {

        /**
         * The sum of the revisions of the days [from, to) touches. Revisions only grow, so any
         * raise of any of those days changes the sum.
         */
        long of(LocalDateTime from, LocalDateTime to) {
            long sum = 0;
            for (LocalDate day = firstDay(from); day.isBefore(endDay(to)); day = day.plusDays(1)) {
                sum += byDay.getOrDefault(day, 0L);
            }
            return sum;
        }
    }

    private static LocalDate firstDay(LocalDateTime from) {
        return from.toLocalDate();
    }

    /** The day after the one holding the last hour before {@code to}. */
    private static LocalDate endDay(LocalDateTime to) {
        return to.minus(Duration.ofNanos(1)).toLocalDate().plusDays(1);
    }
}
